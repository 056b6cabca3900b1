import { register } from 'node:module';

register(new URL('./tsResolve.mjs', import.meta.url));
