// The minimal valid haproxy.cfg head the lint tests build on (hand-written): global with a log target and maxconn,
// defaults in mode http with every timeout. It ends on line 9; a test's own lines start at line 10.
export const LINT_BASE = `global
    log 127.0.0.1:514 local0
    maxconn 1000
defaults
    mode http
    log global
    timeout connect 5s
    timeout client 30s
    timeout server 30s
`;
