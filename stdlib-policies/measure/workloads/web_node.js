// Workload for the std/web-research measurement, node client (see web_python.py).
'use strict';
const dns = require('dns');
const https = require('https');
dns.lookup('example.com', (err) => {
  console.log('resolve:', err ? err.code : 'ok');
  https.get({ host: 'localhost', port: Number(process.argv[2]), path: '/', timeout: 5000 }, (res) => {
    console.log('https', res.statusCode);
  }).on('error', (e) => console.log('https:', e.code));
});
