// Preloaded with `node --require` into a process under test: makes it look like every other
// container started from the same image, PID 1 on a host named `patbot`. Two processes with
// this preload have the same host name and pid, so any id built from those alone collides.
'use strict';
const os = require('node:os');

Object.defineProperty(process, 'pid', { value: 1, configurable: true, enumerable: true });
os.hostname = () => 'patbot';
