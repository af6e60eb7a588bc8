/** The collect group of test/groups.json: its test files, in one worker (test/helpers/group.ts). */
import { loadGroup } from './helpers/group.js';

loadGroup('collect');
