import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { todoList } from '../../../server/platform/todos';
import { api } from '../../lib/api';

export type TodoList = z.input<typeof todoList>;

/** 待办 across the modules (GET /api/todos); refreshed when the user comes back to the page. */
export const useTodos = () => useQuery({ queryKey: ['todos'], queryFn: () => api.get<TodoList>('/api/todos'), refetchOnWindowFocus: true });
