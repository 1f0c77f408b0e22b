/** English advice texts. Keep them plain: say what happened, what to change, and who changes it. */
import { formatDate } from "./format";
import {
  asteriskLoginActionEn,
  asteriskLoginActionProviderEn,
  asteriskLoginEn,
  refusedAfterLoginEn,
} from "./texts-pbx";
import type { TextFacts as AdviceFacts, AdviceTexts } from "./types";

const ThePbx = (f: AdviceFacts) => (f.domain ? `The PBX at ${f.domain}` : "The PBX");
const portName = (f: AdviceFacts) =>
  f.port ? `port ${f.port}${f.transport ? ` (${f.transport.toUpperCase()})` : ""}` : "the SIP port";
/** "port 5080 (UDP) for SIP", or the usual SIP ports when the test learned none. */
const sipPorts = (f: AdviceFacts) =>
  f.port ? `${portName(f)} for SIP` : "the SIP ports (5060 for UDP and TCP, 5061 for TLS)";
const retry = (f: AdviceFacts) =>
  f.retryAfterSeconds ? ` It asked us to try again in ${f.retryAfterSeconds} seconds.` : "";
const when = (f: AdviceFacts) =>
  f.retryAfterSeconds
    ? ` The next test is possible in ${f.retryAfterSeconds} seconds${f.retryAt ? ` (at ${f.retryAt.slice(11, 16)} UTC)` : ""}.`
    : "";
/** "user 1050 at pbx.example.com": the account, not the realm, is what the reader recognises. */
const account = (f: AdviceFacts) =>
  f.username
    ? `user ${f.username}${f.domain ? ` at ${f.domain}` : ""}`
    : f.domain
      ? `the account at ${f.domain}`
      : "the account";
/** Where the tester connects from, or an honest note that the list is not configured here. */
const fromOurs = (f: AdviceFacts) =>
  f.firewall && f.firewall.signalling.length > 0
    ? `from Phone Connection's addresses (${f.firewall.signalling.join(", ")})`
    : "from Phone Connection's addresses (the provider guide lists them once they are configured; until then Phone Connection support gives them)";
const status = (f: AdviceFacts) => (f.statusCode ? `${f.statusCode}${f.reason ? ` ${f.reason}` : ""}` : "");

function tlsProblem(f: AdviceFacts): string {
  const subject = f.certSubject ? ` (issued to ${f.certSubject})` : "";
  switch (f.certProblem) {
    case "expired":
      return `The PBX's certificate${subject} expired${f.certExpiry ? ` on ${formatDate(f.certExpiry)}` : ""}.`;
    case "not_yet_valid":
      return `The PBX's certificate${subject} is not valid yet: its start date lies in the future.`;
    case "self_signed":
      return `The PBX's certificate${subject} is self-signed: nobody we trust vouches for it.`;
    case "wrong_host":
      return `The PBX's certificate${subject} does not belong to ${f.domain ?? "the SIP domain you entered"}.`;
    case "untrusted":
      return `The PBX's certificate${subject} was not issued by an authority we trust, or its chain is incomplete.`;
    default:
      return "The secure (TLS) handshake with the PBX failed before any SIP could be exchanged.";
  }
}

export const EN: AdviceTexts = {
  redirected_elsewhere: {
    title: "The PBX sent us to another server",
    explanation: (f) =>
      `${ThePbx(f)} redirected the registration to ${f.redirectTarget ?? "another server"}. A saved password is only sent to the server it was entered for, so we did not log in there.`,
    action: (f) =>
      `If ${f.redirectTarget ? `"${f.redirectTarget}"` : "that server"} is right, enter it as the SIP domain, type the password again and test.`,
  },
  registered: {
    title: "The account works",
    explanation: (f) =>
      `${ThePbx(f)} accepted the username and password${f.transport ? ` over ${f.transport.toUpperCase()}` : ""}. Your AI Colleague can register with it.`,
    action: () => "Nothing to change. You can activate the connection.",
    provider: {
      explanation: (f) =>
        `${ThePbx(f)} accepted the username and password${f.transport ? ` over ${f.transport.toUpperCase()}` : ""}. Your customer's AI Colleague can register with it.`,
      action: () => "Nothing to change. Your customer can now activate the connection.",
    },
  },
  wrong_credentials: {
    title: "Username or password not accepted",
    explanation: (f) =>
      asteriskLoginEn(f) ??
      `${ThePbx(f)} answered, but did not accept the password for ${account(f)}. On some PBXs (3CX, for example) the authentication ID is not the extension number.`,
    action: (f) =>
      asteriskLoginActionEn(f) ??
      "Check the SIP Username, the SIP Password and, if your provider gave you one, the authentication ID (under Advanced settings). Copy them exactly, without spaces; saving runs the test again.",
    provider: {
      action: (f) =>
        asteriskLoginActionProviderEn(f) ??
        `Check the password of ${account(f)} on the PBX, and the authentication ID if the PBX uses a separate one. Enter them again exactly, without spaces. We stopped after one attempt so that the PBX (fail2ban, the 3CX blacklist) does not block us.`,
    },
  },
  unknown_user: {
    title: "Account not found",
    explanation: (f) =>
      `${ThePbx(f)} says ${f.username ? `user ${f.username}` : "this SIP username"} does not exist.`,
    action: () =>
      "Check the SIP Username (often the extension number) and the SIP Domain. If both are right, ask your telecom provider to create the account or tell you its exact name.",
    provider: {
      action: () =>
        "Check that the SIP account exists on this PBX with exactly this name, or create it. If the PBX logs in with a separate authentication ID, enter that under Advanced settings.",
    },
  },
  forbidden: {
    title: "The PBX does not allow this account from outside",
    explanation: (f) =>
      refusedAfterLoginEn(f, status(f)) ??
      `${ThePbx(f)} knows the account but refuses to let it register from our side${f.statusCode ? ` (${status(f)})` : ""}. Many PBXs only allow extensions inside the office network, or only from known addresses or phone models, such as 3CX's "disallow use of extension outside the LAN" or an IP restriction in Yeastar.`,
    action: (f) =>
      `Ask your telecom provider or PBX administrator to allow this extension to register from outside the office network, ${fromOurs(f)}.`,
    provider: {
      action: (f) =>
        `Allow this extension to register from outside the office network, ${fromOurs(f)}: in 3CX, clear "Disallow use of extension outside the LAN"; in Yeastar, lift the IP restriction or add our addresses to it.`,
    },
  },
  account_in_use: {
    title: "This account is already in use",
    explanation: (f) =>
      f.evictedContact
        ? `When we registered, ${f.domain ?? "the PBX"} dropped the registration of another device (${f.evictedContact}${f.evictedExpires ? `, still registered for ${f.evictedExpires} seconds` : ""}). That device receives no calls until it registers again.`
        : f.bindings
          ? `${ThePbx(f)} lists ${f.bindings > 1 ? `${f.bindings} devices` : "a device"} registered with this account. Registering the AI Colleague as well could log that device out, so we did not register.`
          : `${ThePbx(f)} refused another registration for this account${f.statusCode ? ` (${status(f)})` : ""}: it allows no more devices than already use it.`,
    action: (f) =>
      `Give your AI Colleague its own SIP account (extension); ask your telecom provider for one.${f.evictedContact ? " Restart that device, or let it register again, so it receives calls." : ""}`,
    provider: {
      action: (f) =>
        `Create a separate SIP account (extension) for the AI Colleague.${f.evictedContact ? " Let the other device register again, so it receives calls." : ""}`,
    },
  },
  not_registrar: {
    title: "This address does not take registrations",
    explanation: (f) =>
      `The server at ${f.domain ?? "this address"} answered ${status(f) || "with an error"} to our registration. It handles calls, but it is not a registrar: it is probably a SIP trunk address rather than an extension on a PBX.`,
    action: () =>
      "Ask your telecom provider for the registration (registrar) address of a SIP extension or SIP account, not of a trunk.",
    provider: {
      action: () =>
        "Give the registration (registrar) address of a SIP extension or SIP account as the SIP Domain, not the address of a trunk.",
    },
  },
  dns_failed: {
    title: "The SIP domain was not found",
    explanation: (f) =>
      `We could not find ${f.domain ? `"${f.domain}"` : "the SIP domain"} in DNS: there is no SIP service (NAPTR or SRV record) and no address (A or AAAA record) for it.`,
    action: () =>
      "Check the spelling of the SIP Domain and copy it exactly as your provider gave it, without sip: or spaces. If it is right, ask your provider whether the name is published in public DNS.",
    provider: {
      action: () =>
        "Publish the name in public DNS (an A or AAAA record, or NAPTR/SRV records for SIP), or use a name or public IP address that is published.",
    },
  },
  private_address: {
    title: "That is an address inside an office network",
    explanation: (f) =>
      `${f.domain ? `"${f.domain}"` : "The SIP domain"} is, or points to, a private network address (such as 192.168.x.x or 10.x.x.x). Such an address only works inside the building; nobody can reach it from the internet.`,
    action: () =>
      "Ask your telecom provider for the public address or host name of the PBX, and use that as the SIP Domain.",
    provider: {
      action: () =>
        "Use the PBX's public address or host name as the SIP Domain (with the SIP port forwarded to the PBX), not its internal address.",
    },
  },
  blocked_target: {
    title: "We do not test this address",
    explanation: (f) =>
      `${f.domain ? `"${f.domain}"` : "The SIP domain"} points to an address or port we never connect to, for safety reasons: a local, reserved or special-purpose address, or a port used by other services.`,
    action: () =>
      "Enter the public host name of your PBX, and its SIP port, exactly as your telecom provider gave them.",
    provider: {
      action: () => "Use the PBX's public host name and its SIP port (usually 5060, or 5061 for TLS).",
    },
  },
  unreachable: {
    title: "The PBX is not listening there",
    explanation: (f) =>
      `${ThePbx(f)} refused the connection on ${portName(f)}. Either the PBX does not listen on that port and transport, or a firewall rejects SIP.`,
    action: (f) =>
      `Check the port and the transport (UDP, TCP or TLS) your provider gave you. If they are right, your provider must make the PBX listen there and let SIP through the firewall ${fromOurs(f)}.`,
    provider: {
      action: (f) =>
        `Make the PBX listen on ${portName(f)}, or use the port and transport it does listen on, and let SIP through the firewall ${fromOurs(f)}.`,
    },
  },
  timeout: {
    title: "No answer from the PBX",
    explanation: (f) =>
      `We sent SIP to ${f.domain ?? "the PBX"} on ${portName(f)} but got no answer in time. Usually a firewall silently drops SIP. Sometimes the PBX has blocked our address after earlier failed logins.`,
    action: (f) =>
      `Ask your telecom provider to open ${sipPorts(f)} ${fromOurs(f)}, and to check that our address is not on the PBX's block list (fail2ban, the 3CX blacklist).`,
    provider: {
      action: (f) =>
        `Open ${sipPorts(f)} ${fromOurs(f)}, and check that our address is not on the PBX's block list (fail2ban, the 3CX blacklist).`,
    },
  },
  tls_failed: {
    title: "The secure (TLS) connection failed",
    explanation: (f) => tlsProblem(f),
    action: (f) =>
      `Your provider must install a valid certificate for ${f.domain ?? "the PBX's host name"}, for example from Let's Encrypt. Until then you can choose UDP or TCP instead of TLS.`,
    provider: {
      action: (f) =>
        `Install a valid certificate for ${f.domain ?? "the PBX's host name"} with its full chain, for example from Let's Encrypt. Until then, use UDP or TCP instead of TLS.`,
    },
  },
  server_error: {
    title: "The PBX reported a problem",
    explanation: (f) =>
      `${ThePbx(f)} answered ${status(f) || "with a server error"}: a temporary or configuration problem on the PBX, not in the account details.${retry(f)}`,
    action: (f) =>
      `Try again later. If it keeps happening, send your telecom provider this result${f.statusCode ? ` and the code ${f.statusCode}` : ""}.`,
    provider: {
      action: (f) =>
        `Check the PBX's log for this registration${f.statusCode ? ` (answered ${f.statusCode})` : ""}, fix the cause, then test again.`,
    },
  },
  unsupported_auth: {
    title: "The PBX uses a login method we do not support",
    explanation: (f) =>
      `${ThePbx(f)} asks for ${f.algorithm ? `the "${f.algorithm}" method` : "a login method"} we cannot use. We support digest authentication with MD5, MD5-sess, SHA-256 and SHA-512-256.`,
    action: () =>
      "Ask your telecom provider to allow digest authentication with MD5 or SHA-256 for this account.",
    provider: { action: () => "Allow digest authentication with MD5 or SHA-256 for this account." },
  },
  protocol_error: {
    title: "Something other than SIP answers on this port",
    explanation: (f) =>
      `The reply from ${f.domain ?? "the server"} on ${portName(f)} was not valid SIP: unreadable, malformed or too large. Probably another service (a web server, for example) listens on that port, or a device in between mangles the traffic.`,
    action: () =>
      "Check the port number and the transport. The usual SIP ports are 5060 for UDP and TCP, and 5061 for TLS.",
    provider: {
      action: () =>
        "Check which service listens on this port, and use the PBX's SIP port and transport (usually 5060 for UDP and TCP, 5061 for TLS).",
    },
  },
  rate_limited: {
    title: "Too many tests just now",
    explanation: (f) =>
      f.refusal === "rejected_before"
        ? `${ThePbx(f)} already turned down exactly these login details. We never send rejected details again, so that your PBX does not ban our address (fail2ban), which would block every customer on it.`
        : f.refusal === "test_limit"
          ? `You have reached a limit on how many tests may run (per connection, per address or per organization), so that the tester cannot be misused.${when(f)}`
          : `To protect your PBX from banning us, we send at most 2 failed logins to one PBX in 11 minutes, whoever tests.${when(f)}`,
    action: (f) =>
      f.refusal === "rejected_before"
        ? "Check the username and password, enter the corrected ones and test again: changed details can be tested right away."
        : "Check the username and password once more while you wait, and then test again.",
  },

  existing_binding: {
    title: "This account is already used by a device",
    explanation: (f) =>
      `The PBX lists ${f.bindings && f.bindings > 1 ? `${f.bindings} devices` : "a device"} already registered with this account, such as a desk phone or a softphone app.`,
    action: () =>
      "Give your AI Colleague its own SIP account (extension). When two devices share one, the PBX may log one out or send calls to the wrong one.",
    provider: {
      action: () =>
        "Create a separate SIP account (extension) for the AI Colleague. When two devices share one, the PBX may log one out or send calls to the wrong one.",
    },
  },
  realm_mismatch: {
    title: "The PBX uses its own realm name",
    explanation: (f) =>
      `${f.realm ? `The PBX calls its login realm "${f.realm}"${f.domain ? `, not "${f.domain}"` : ""}.` : "The PBX names its login realm differently from the SIP Domain."} That is normal: Asterisk and FreePBX call it "asterisk", 3CX and others use their own name. The realm is not a domain to enter.`,
    action: () =>
      "Keep the SIP Domain exactly as your provider gave it. If the login keeps failing, ask your provider which username, authentication ID and password belong to this account.",
    provider: {
      action: () =>
        "Nothing to change for the realm. If the login keeps failing, check which username, authentication ID and password belong to this account.",
    },
  },
  nat_rewrite: {
    title: "A router rewrites the SIP messages",
    explanation: () =>
      "The PBX saw our messages arrive from a different address or port than the one we sent. A router or firewall between us and the PBX rewrites SIP (often a feature called SIP ALG). Calls may then connect without sound, or drop after about 30 seconds.",
    action: () =>
      "Ask your telecom provider or network administrator to switch off SIP ALG (SIP helper) on the router in front of the PBX.",
    provider: {
      action: () => "Switch off SIP ALG (SIP helper) on the router or firewall in front of the PBX.",
    },
  },
  self_signed_cert: {
    title: "The PBX uses a self-signed certificate",
    explanation: (f) =>
      `The certificate on the PBX's TLS port${f.certSubject ? ` (issued to ${f.certSubject})` : ""} is not signed by an authority we trust, so secure (TLS) connections are not possible.`,
    action: (f) =>
      `Your provider should install a certificate from a trusted authority for ${f.domain ?? "the PBX's host name"}. Until then, use UDP or TCP.`,
    provider: {
      action: (f) =>
        `Install a certificate from a trusted authority for ${f.domain ?? "the PBX's host name"}. Until then, use UDP or TCP.`,
    },
  },
  transport_fallback: {
    title: (f) => `Works over ${f.transport ? f.transport.toUpperCase() : "another transport"}`,
    explanation: (f) =>
      `The transport we tried first did not work, but ${f.transport ? f.transport.toUpperCase() : "another one"} did. The AI Colleague will use ${f.transport ? f.transport.toUpperCase() : "that transport"}.`,
    action: () =>
      "Nothing to change. If you expected another transport to work, ask your provider to check their firewall.",
    provider: {
      action: () => "Nothing to change. If another transport should work too, check the firewall for it.",
    },
  },
  interval_too_brief: {
    title: "The PBX asks for longer registrations",
    explanation: (f) =>
      `The PBX wants registrations to last at least ${f.minExpires ?? "a minimum number of"} seconds (423 Interval Too Brief). We adjusted automatically.`,
    action: () => "Nothing to change.",
  },
  redirected: {
    title: "The PBX sent us to another address",
    explanation: (f) =>
      `${f.domain ?? "The server"} redirected the registration to ${f.redirectTarget ?? "another address"}.`,
    action: (f) =>
      `Use ${f.redirectTarget ? `"${f.redirectTarget}"` : "the new address"} as the SIP Domain, so tests and calls go there directly.`,
  },
  private_answers_ignored: {
    title: "DNS also lists private addresses",
    explanation: (f) =>
      `Some DNS records for ${f.domain ?? "the SIP domain"} point to private or reserved addresses. We ignored those and used the public ones.`,
    action: () =>
      "Nothing to change for you. Your provider may want to remove the private addresses from public DNS.",
    provider: { action: () => "Consider removing the private addresses from public DNS." },
  },
  options_unanswered: {
    title: "The PBX ignores status checks",
    explanation: () =>
      "The PBX did not answer our SIP OPTIONS message (a status check), although it answered the registration. Some PBXs ignore these on purpose.",
    action: () =>
      "Usually nothing to change. If calls drop unexpectedly, ask your provider to answer SIP OPTIONS.",
    provider: {
      action: () => "Usually nothing to change. If calls drop unexpectedly, let the PBX answer SIP OPTIONS.",
    },
  },
  auth_not_required: {
    title: "No password was needed",
    explanation: () =>
      "The PBX accepted the registration without asking for the password, so we could not check the password. The PBX probably trusts our address.",
    action: () =>
      "Ask your telecom provider whether this is intended; usually an extension should require its password.",
    provider: {
      action: () => "Check whether this is intended; usually an extension should require its password.",
    },
  },
  unregister_failed: {
    title: "The test registration was not removed",
    explanation: (f) =>
      `We could not remove our test registration from the PBX. It expires by itself${f.expiresSeconds ? ` within ${f.expiresSeconds} seconds` : ""}.`,
    action: () => "Nothing to change.",
  },
  cert_expires_soon: {
    title: "The PBX's certificate expires soon",
    explanation: (f) =>
      `The PBX's TLS certificate${f.certSubject ? ` (issued to ${f.certSubject})` : ""} expires${f.certExpiry ? ` on ${formatDate(f.certExpiry)}` : " within a few weeks"}. After that, secure connections will fail.`,
    action: () => "Ask your telecom provider to renew the certificate in time.",
    provider: { action: () => "Renew the certificate before it expires." },
  },
};
