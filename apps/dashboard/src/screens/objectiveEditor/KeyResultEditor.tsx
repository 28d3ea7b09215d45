import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MetricDefinition } from '../../graphql/metricCatalog.ts';
import type { KeyResultDraft, Platform } from './objectiveDraft.ts';

const platforms: Platform[] = ['INSTAGRAM', 'FACEBOOK', 'X', 'LINKEDIN', 'YOUTUBE', 'TIKTOK', 'PINTEREST', 'WEBSITE', 'OTHER'];
const paces = ['LINEAR', 'FRONT_LOADED', 'BACK_LOADED', 'S_CURVE'] as const;

/** One key result of the draft: metric (recommended first), scope, direction, and an absolute or relative target. */
export function KeyResultEditor(props: {
  index: number;
  kr: KeyResultDraft;
  catalog: readonly MetricDefinition[];
  recommended: readonly string[];
  accounts: readonly { id: string; handle: string; platform: Platform }[];
  onChange: (kr: KeyResultDraft) => void;
  onRemove: () => void;
  /** The key result's realism band, shown under the target as it is typed. */
  realism?: ReactNode;
}) {
  const { t } = useI18n();
  const { kr, index } = props;
  const id = (field: string) => `kr-${kr.key}-${field}`;
  const set = <K extends keyof KeyResultDraft>(field: K, value: KeyResultDraft[K]) => props.onChange({ ...kr, [field]: value });
  const recommended = props.recommended.map((m) => props.catalog.find((c) => c.id === m)).filter((m): m is MetricDefinition => !!m && !m.deprecated);
  const others = props.catalog.filter((m) => !props.recommended.includes(m.id) && !m.deprecated).sort((a, b) => a.label.localeCompare(b.label));
  const option = (m: MetricDefinition) => <option key={m.id} value={m.id}>{m.label}</option>;
  const chosen = props.catalog.find((m) => m.id === kr.metric);
  return (
    <fieldset className="kr-editor" data-testid="kr-editor">
      <legend>{t.editor.keyResultN(index + 1)}</legend>
      <div className="form-grid">
        <label htmlFor={id('metric')}>{t.editor.metric}
          <select id={id('metric')} name="metric" value={kr.metric} onChange={(e) => set('metric', e.target.value)} aria-describedby={id('metric-help')}>
            <option value="">{t.editor.chooseMetric}</option>
            {recommended.length > 0 && <optgroup label={t.editor.recommended}>{recommended.map(option)}</optgroup>}
            <optgroup label={recommended.length > 0 ? t.editor.otherMetrics : t.editor.allMetrics}>{others.map(option)}</optgroup>
          </select>
        </label>
        <p id={id('metric-help')} className="muted help">{chosen ? chosen.description : t.editor.metricHelp}</p>
        <label htmlFor={id('scope')}>{t.editor.scope}
          <select id={id('scope')} name="scope" value={kr.scope} onChange={(e) => set('scope', e.target.value as KeyResultDraft['scope'])}>
            <option value="account">{t.editor.oneAccount}</option>
            <option value="platform">{t.editor.everyAccountOf}</option>
          </select>
        </label>
        {kr.scope === 'account' ? (
          <label htmlFor={id('account')}>{t.editor.account}
            <select id={id('account')} name="account" value={kr.accountId} onChange={(e) => set('accountId', e.target.value)}>
              <option value="">{t.editor.chooseAccount}</option>
              {props.accounts.map((a) => <option key={a.id} value={a.id}>{a.handle} ({t.platform[a.platform]})</option>)}
            </select>
          </label>
        ) : (
          <label htmlFor={id('platform')}>{t.editor.platform}
            <select id={id('platform')} name="platform" value={kr.platform} onChange={(e) => set('platform', e.target.value as Platform)}>
              <option value="">{t.editor.choosePlatform}</option>
              {platforms.map((p) => <option key={p} value={p}>{t.platform[p]}</option>)}
            </select>
          </label>
        )}
        <label htmlFor={id('direction')}>{t.editor.direction}
          <select id={id('direction')} name="direction" value={kr.direction} onChange={(e) => set('direction', e.target.value as KeyResultDraft['direction'])}>
            {(['INCREASE', 'DECREASE', 'MAINTAIN'] as const).map((d) => <option key={d} value={d}>{t.direction[d]}</option>)}
          </select>
        </label>
        <label htmlFor={id('mode')}>{t.editor.targetMode}
          <select id={id('mode')} name="targetMode" value={kr.targetMode} onChange={(e) => set('targetMode', e.target.value as KeyResultDraft['targetMode'])}>
            <option value="absolute">{t.editor.absolute}</option>
            <option value="percent">{t.editor.percent}</option>
          </select>
        </label>
        {kr.targetMode === 'absolute' ? (
          <label htmlFor={id('target')}>{t.editor.target}
            <input id={id('target')} name="target" inputMode="decimal" value={kr.target} onChange={(e) => set('target', e.target.value)} />
          </label>
        ) : (
          <label htmlFor={id('percent')}>{t.editor.changePercent}
            <input id={id('percent')} name="targetChangePercent" inputMode="decimal" value={kr.percent} onChange={(e) => set('percent', e.target.value)} />
          </label>
        )}
        <label htmlFor={id('baseline')}>{t.editor.baseline}
          <input id={id('baseline')} name="baseline" inputMode="decimal" value={kr.baseline} placeholder={t.editor.baselineFromHistory} onChange={(e) => set('baseline', e.target.value)} />
        </label>
        <label htmlFor={id('pace')}>{t.editor.pace}
          <select id={id('pace')} name="pace" value={kr.pace} onChange={(e) => set('pace', e.target.value as KeyResultDraft['pace'])}>
            {paces.map((p) => <option key={p} value={p}>{t.pace[p]}</option>)}
          </select>
        </label>
      </div>
      {props.realism && <div className="kr-realism" aria-live="polite"><p className="small-heading">{t.editor.realismTitle}</p>{props.realism}</div>}
      <div className="actions"><button type="button" className="link-button" onClick={props.onRemove}>{t.editor.removeKeyResult}</button></div>
    </fieldset>
  );
}
