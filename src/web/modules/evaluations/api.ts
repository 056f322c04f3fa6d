import type { z } from 'zod';
import type { actionBody } from '../../../server/http/schemas';
import type { mySurveys, newSurvey, surveyAnswer, surveyChanges, surveyDetail, surveyResults, surveyRow, surveyTemplate } from '../../../server/modules/evaluations/routes';
import { api, type Page, type PageParams } from '../../lib/api';

// What the server sends and takes, typed from its own schemas (`z.input`: the wire form).
export type Survey = z.input<typeof surveyRow>;
export type SurveyDetail = z.input<typeof surveyDetail>;
export type SurveyResults = z.input<typeof surveyResults>;
export type SurveyTemplate = z.input<typeof surveyTemplate>;
export type NewSurvey = z.input<typeof newSurvey>;
export type SurveyChanges = z.input<typeof surveyChanges>;
export type MySurvey = z.input<typeof mySurveys>['items'][number];
export type SurveyAnswer = z.input<typeof surveyAnswer>;

export const WORKFLOW = 'evaluation_survey';
export type SurveyListParams = PageParams & { q?: string; state?: string };

export const listSurveys = (params: SurveyListParams) => api.get<Page<Survey>>('/api/evaluations', params);
export const fetchSurvey = (id: number) => api.get<SurveyDetail>(`/api/evaluations/${id}`);
export const fetchTemplate = () => api.get<SurveyTemplate>('/api/evaluations/template');
export const createSurvey = (input: NewSurvey) => api.post<SurveyDetail>('/api/evaluations', input);
export const editSurvey = (id: number, changes: SurveyChanges) => api.put<SurveyDetail>(`/api/evaluations/${id}`, changes);
export const actOnSurvey = (id: number, body: z.input<typeof actionBody>) => api.post(`/api/evaluations/${id}/actions`, body);
export const fetchResults = (id: number) => api.get<SurveyResults>(`/api/evaluations/${id}/results`);
export const resultsXlsxHref = (id: number) => `/api/evaluations/${id}/results.xlsx`;
export const fetchMySurveys = () => api.get<z.input<typeof mySurveys>>('/api/evaluations/mine').then((r) => r.items);
export const answerSurvey = (id: number, answer: SurveyAnswer) => api.post(`/api/evaluations/${id}/responses`, answer);
