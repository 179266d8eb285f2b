// Workload for the std/node measurement: fs, http (server and client on
// loopback), crypto.
'use strict';
const fs = require('fs');
const http = require('http');
const crypto = require('crypto');
const path = require('path');

fs.writeFileSync('out.txt', 'hello\n');
const data = fs.readFileSync('out.txt', 'utf8');
fs.mkdirSync('sub', { recursive: true });
fs.renameSync('out.txt', path.join('sub', 'moved.txt'));
console.log(fs.readdirSync('sub'));

const digest = crypto.createHash('sha256').update(data).digest('hex');
const key = crypto.randomBytes(32);
const mac = crypto.createHmac('sha256', key).update(data).digest('hex');
console.log(digest.length, mac.length);

const srv = http.createServer((req, res) => { res.end('ok'); });
srv.listen(0, '127.0.0.1', () => {
  const { port } = srv.address();
  http.get({ host: '127.0.0.1', port, path: '/' }, (res) => {
    let body = '';
    res.on('data', (c) => { body += c; });
    res.on('end', () => { console.log('http', res.statusCode, body); srv.close(); });
  });
});
