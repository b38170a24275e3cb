import { builder } from './builder';
import './organization';
import './label';
import './coach';
import './athlete';

export const schema = builder.toSchema();
