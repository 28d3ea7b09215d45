import { graphql } from '../../graphql/graphql.ts';
import { SmartVerdictFields } from './smartWording.ts';

export const CheckObjectiveQuery = graphql(`
  query CheckObjective($input: ObjectiveDraftInput!) {
    checkObjective(input: $input) {
      passed
      specific { ...SmartVerdictFields }
      measurable { ...SmartVerdictFields }
      attainable { ...SmartVerdictFields }
      relevant { ...SmartVerdictFields }
      timeBound { ...SmartVerdictFields }
    }
  }
`, [SmartVerdictFields]);

export const CategoryAdviceQuery = graphql(`
  query CategoryAdvice($category: ObjectiveCategory!) {
    kpiRecommendations(category: $category) { id }
    platformGuidance(category: $category) { platform note }
  }
`);
