// Preloaded with `node --require` into the Agents Playground: it calls `listen(port)` with no host,
// which binds every interface. Force 127.0.0.1 so it stays on loopback.
'use strict';
const net = require('node:net');

const originalListen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const first = args[0];
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    // listen(port[, host][, backlog][, callback]): replace or insert the host.
    if (typeof args[1] === 'string') args[1] = '127.0.0.1';
    else args.splice(1, 0, '127.0.0.1');
  } else if (first !== null && typeof first === 'object' && !Array.isArray(first) && !first.path) {
    args[0] = { ...first, host: '127.0.0.1' };
  } else if (first === undefined || typeof first === 'function') {
    args.unshift(0, '127.0.0.1');
  }
  return originalListen.apply(this, args);
};
