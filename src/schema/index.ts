import { builder } from './builder';
import './organization';
import './label';
import './coach';
import './athlete';
import './viewer';

export const schema = builder.toSchema();
