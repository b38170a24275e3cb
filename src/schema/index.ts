import { builder } from './builder';
import './organization';
import './label';
import './coach';
import './athlete';
import './viewer';
import './stats';
import './running-stats';
import './health';
import './streak';
import './charts';

export const schema = builder.toSchema();
