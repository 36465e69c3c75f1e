import { z } from 'zod';

export const pageQuery = {
  page: z.coerce.number().int().min(1, 'must be 1 or more').max(100_000).default(1),
  page_size: z.coerce.number().int().min(1, 'must be 1 or more').max(100, 'must be 100 or fewer').default(20),
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
  has_next: boolean;
}

export function pageOf<T>(items: T[], total: number, page: number, pageSize: number): Page<T> {
  return { items, total, page, page_size: pageSize, has_next: page * pageSize < total };
}
