/** JSON as jsonb columns and the wire keep it; the writer owns the shape. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
