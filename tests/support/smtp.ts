import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type Received = { from: string; to: string[]; mail: ParsedMail; raw: string };

export type TestSmtp = {
  port: number;
  /** smtp://user:pass@127.0.0.1:port, for SMTP_URL. */
  url: string;
  received: Received[];
  /** What each recipient has received, oldest first. */
  messagesTo(address: string): ParsedMail[];
  /** While set, every message is refused with this code (4xx: try again later, 5xx: never). */
  refuseWith: number | null;
  /** Recipients refused with a code of their own, whatever refuseWith says (lower-case addresses). */
  refuseRecipients: Map<string, number>;
  stop(): Promise<void>;
};

const USER = "roomdesk";
const PASS = "smtp-test-password";

/**
 * A real SMTP server on 127.0.0.1 for tests: accepts mail for anyone after AUTH PLAIN or LOGIN with the test
 * credentials, parses each message with mailparser, and keeps it. Plain connections only (no STARTTLS).
 * `port` 0 picks a free one; give the port of a stopped server to bring it back where it was, and its `received`
 * to go on collecting into the same list.
 */
export async function startTestSmtp(port = 0, received: Received[] = []): Promise<TestSmtp> {
  const state: { refuseWith: number | null } = { refuseWith: null };
  const refusal = () => {
    if (state.refuseWith === null) return null;
    return Object.assign(new Error(`Refused for the test (${state.refuseWith})`), { responseCode: state.refuseWith });
  };
  const refuseRecipients = new Map<string, number>();
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASS) callback(null, { user: USER });
      else callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const code = refuseRecipients.get(address.address.toLowerCase());
      if (code) return callback(Object.assign(new Error(`Refused for the test (${code})`), { responseCode: code }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const refused = refusal();
        if (refused) return callback(refused);
        const raw = Buffer.concat(chunks).toString("utf8");
        simpleParser(raw).then(
          (mail) => {
            received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              mail,
              raw,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `smtp://${USER}:${PASS}@127.0.0.1:${actual}`,
    received,
    refuseRecipients,
    messagesTo: (address) => received.filter((r) => r.to.includes(address)).map((r) => r.mail),
    get refuseWith() {
      return state.refuseWith;
    },
    set refuseWith(code) {
      state.refuseWith = code;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
