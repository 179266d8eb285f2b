# Workload for the std/web-research measurement, python client: name
# resolution of a public name (fails offline, which is fine: the files are
# read before the query) and an HTTPS request to the local test server,
# whose self-signed certificate the system store rightly rejects.
import socket
import ssl
import sys
import urllib.request

try:
    socket.getaddrinfo("example.com", 443, proto=socket.IPPROTO_TCP)
except OSError as e:
    print("resolve:", e)
try:
    urllib.request.urlopen("https://localhost:%s/" % sys.argv[1], timeout=5)
except (ssl.SSLError, urllib.error.URLError) as e:
    print("https:", e)
