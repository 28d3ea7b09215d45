// Editing what exists: update, removal (archive or delete), reordering, ownership, check-ins, the audit trail.
import './businessGoalEdits.ts';
import './objectiveEdits.ts';
import './keyResultEdits.ts';
import './themeEdits.ts';
import './accountEdits.ts';
import './checkIns.ts';
import './auditLog.ts';
