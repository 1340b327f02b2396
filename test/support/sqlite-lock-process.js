// A second OS process that holds the write lock of a SQLite file, as another program (or a
// second patbot) would: `node sqlite-lock-process.js <file> <holdMs>` opens the file, runs
// BEGIN IMMEDIATE, prints `locked <epoch ms>`, keeps the lock for <holdMs>, commits, prints
// `released <epoch ms>` and exits.
'use strict';
const { setTimeout } = require('node:timers');
const Database = require('better-sqlite3');

const [file, holdText] = process.argv.slice(2);
const db = new Database(file, { timeout: 10_000 });
db.exec('BEGIN IMMEDIATE');
process.stdout.write(`locked ${Date.now()}\n`);
setTimeout(() => {
  db.exec('COMMIT');
  db.close();
  process.stdout.write(`released ${Date.now()}\n`);
}, Number(holdText));
