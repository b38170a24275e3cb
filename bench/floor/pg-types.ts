import { types } from 'pg';

// The same wire decoding as the API: int8 and numeric as numbers, dates as 'yyyy-MM-dd'.
types.setTypeParser(20, (v) => Number(v));
types.setTypeParser(1700, (v) => Number(v));
types.setTypeParser(1082, (v) => v);
