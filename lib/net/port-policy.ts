/**
 * Port policy: SIP ports, or unprivileged ports that are not well-known non-SIP services, so a
 * stranger cannot use the tester to probe SSH, databases or admin consoles.
 */
import "server-only";

export type PortCheck = { ok: true } | { ok: false; code: "blocked_port"; detail: string };

// Well-known non-SIP services a stranger could otherwise probe through us.
const DENIED_PORTS: ReadonlyMap<number, string> = new Map([
  [22, "SSH"],
  [23, "Telnet"],
  [25, "SMTP mail"],
  [53, "DNS"],
  [80, "HTTP (web)"],
  [110, "POP3 mail"],
  [143, "IMAP mail"],
  [443, "HTTPS (web)"],
  [465, "SMTPS mail"],
  [587, "mail submission"],
  [993, "IMAPS mail"],
  [995, "POP3S mail"],
  [1080, "SOCKS proxy"],
  [1433, "Microsoft SQL Server"],
  [1521, "Oracle database"],
  [2049, "NFS"],
  [2375, "Docker API"],
  [2376, "Docker API (TLS)"],
  [2379, "etcd"],
  [2380, "etcd"],
  [3000, "a web application / Grafana"],
  [3306, "MySQL"],
  [3389, "Remote Desktop"],
  [4369, "Erlang port mapper"],
  [4573, "Asterisk FastAGI"],
  [5000, "a web admin console (e.g. 3CX)"],
  [5001, "a web admin console (e.g. 3CX)"],
  [5038, "Asterisk Manager Interface"],
  [5432, "PostgreSQL"],
  [5601, "Kibana"],
  [5672, "AMQP / RabbitMQ"],
  [5900, "VNC remote desktop"],
  [5984, "CouchDB"],
  [6379, "Redis"],
  [6443, "Kubernetes API"],
  [8000, "HTTP (web)"],
  [8008, "HTTP (web)"],
  [8021, "FreeSWITCH event socket"],
  [8080, "HTTP (web admin)"],
  [8081, "HTTP (web admin)"],
  [8088, "Asterisk HTTP / ARI"],
  [8089, "Asterisk HTTPS / ARI"],
  [8443, "HTTPS (web admin)"],
  [8888, "HTTP (web)"],
  [9000, "a web admin console"],
  [9090, "Prometheus / web admin"],
  [9092, "Kafka"],
  [9200, "Elasticsearch"],
  [9300, "Elasticsearch"],
  [10250, "Kubernetes kubelet"],
  [11211, "memcached"],
  [15672, "RabbitMQ management"],
  [27017, "MongoDB"],
  [27018, "MongoDB"],
  // Message brokers, service discovery and cluster control planes: never reachable by a test.
  [1883, "MQTT"],
  [8883, "MQTT (TLS)"],
  [4222, "NATS"],
  [6222, "NATS cluster"],
  [8222, "NATS monitoring"],
  [25672, "RabbitMQ clustering"],
  [2181, "ZooKeeper"],
  [2377, "Docker Swarm"],
  [4243, "Docker API"],
  [5985, "Windows Remote Management"],
  [5986, "Windows Remote Management (TLS)"],
  [6000, "X11"],
  [6380, "Redis (TLS)"],
  [7000, "Cassandra"],
  [7001, "Cassandra (TLS)"],
  [9042, "Cassandra"],
  [8086, "InfluxDB"],
  [8300, "Consul"],
  [8301, "Consul"],
  [8302, "Consul"],
  [8500, "Consul HTTP API"],
  [8501, "Consul HTTPS API"],
  [8600, "Consul DNS"],
  [9093, "Alertmanager"],
  [9100, "Prometheus node exporter"],
  [10255, "Kubernetes kubelet (read-only)"],
  [10256, "Kubernetes kube-proxy"],
  [11214, "memcached (TLS)"],
  [50000, "Jenkins agents"],
]);

/** 5060, 5061, or 1024–65535 minus well-known non-SIP services. */
export function checkPort(port: number): PortCheck {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { ok: false, code: "blocked_port", detail: `${port} is not a valid port (1–65535)` };
  }
  if (port === 5060 || port === 5061) return { ok: true };
  const service = DENIED_PORTS.get(port);
  if (service !== undefined) {
    return {
      ok: false,
      code: "blocked_port",
      detail: `port ${port} is normally ${service}, not SIP; SIP uses 5060 (UDP/TCP) or 5061 (TLS)`,
    };
  }
  if (port < 1024) {
    return {
      ok: false,
      code: "blocked_port",
      detail: `port ${port} is a system port reserved for other services; SIP uses 5060 (UDP/TCP) or 5061 (TLS)`,
    };
  }
  return { ok: true };
}
