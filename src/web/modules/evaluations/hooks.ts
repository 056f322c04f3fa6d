import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { actOnSurvey, answerSurvey, createSurvey, editSurvey, fetchMySurveys, fetchResults, fetchSurvey, fetchTemplate, listSurveys, type NewSurvey, type SurveyAnswer, type SurveyChanges, type SurveyListParams } from './api';

const EVALUATIONS = ['evaluations'] as const;

export const useSurveys = (params: SurveyListParams) => useQuery({ queryKey: [...EVALUATIONS, 'list', params], queryFn: () => listSurveys(params), placeholderData: keepPreviousData });
export const useSurvey = (id: number | null) => useQuery({ queryKey: [...EVALUATIONS, 'detail', id], queryFn: id ? () => fetchSurvey(id) : skipToken });
export const useTemplate = () => useQuery({ queryKey: [...EVALUATIONS, 'template'], queryFn: fetchTemplate, staleTime: Infinity });
export const useResults = (id: number) => useQuery({ queryKey: [...EVALUATIONS, 'results', id], queryFn: () => fetchResults(id) });
export const useMySurveys = () => useQuery({ queryKey: [...EVALUATIONS, 'mine'], queryFn: fetchMySurveys });

/** Any change to a survey: the lists, the survey and its results read again. */
function useSurveyMutation<V>(fn: (values: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: EVALUATIONS }) });
}
export const useCreateSurvey = () => useSurveyMutation((input: NewSurvey) => createSurvey(input));
export const useEditSurvey = () => useSurveyMutation(({ id, ...changes }: SurveyChanges & { id: number }) => editSurvey(id, changes));
export const useActOnSurvey = () => useSurveyMutation(({ id, action, input }: { id: number; action: string; input?: unknown }) => actOnSurvey(id, { action, input }));
export const useAnswerSurvey = () => useSurveyMutation(({ id, ...answer }: SurveyAnswer & { id: number }) => answerSurvey(id, answer));
