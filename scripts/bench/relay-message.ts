/**
 * The message the relay sends its screens per tap: the server's own first kiosk message of the
 * run, as a template with the tapped child's ids put in. The clients process stands in for 400
 * browsers, so what it spends decoding and reading a message falls on every latency it measures;
 * a relay message of the same size but flat (one padded string) cost it less than the server's
 * nested one, and that difference was the bench's, not the server's.
 */

const CHILD = "\u0000child";
const GROUP = "\u0000group";
const CHILD_IN_JSON = JSON.stringify(CHILD);
const GROUP_IN_JSON = JSON.stringify(GROUP);

export interface ScreenMessageSample {
  /** The arguments of the socket.io event as the kiosk received them. */
  args: unknown[];
  /** The tapped child the message was about, and its group. */
  childId: string;
  groupId: string;
}

/**
 * The sample as JSON with the child's and group's ids marked. Other children's ids in it (the
 * look-alikes a tile names) become strings of the same length that name nobody, so the relay's
 * message never tells the clients about a child that was not tapped.
 */
export function relayTemplate(sample: ScreenMessageSample, childIds: ReadonlySet<string>): string {
  const mark = (value: unknown): unknown => {
    if (typeof value === "string") {
      if (value === sample.childId) return CHILD;
      if (value === sample.groupId) return GROUP;
      return childIds.has(value) ? `~${value.slice(1)}` : value;
    }
    if (Array.isArray(value)) return value.map(mark);
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mark(item)]));
    }
    return value;
  };
  const template = JSON.stringify(mark(sample.args));
  if (!template.includes(CHILD_IN_JSON)) throw new Error("the sample message does not name its child");
  return template;
}

/** The arguments to emit for one tap. */
export function relayMessage(template: string, childId: string, groupId: string): unknown[] {
  const text = template
    .replaceAll(CHILD_IN_JSON, JSON.stringify(childId))
    .replaceAll(GROUP_IN_JSON, JSON.stringify(groupId));
  return JSON.parse(text) as unknown[];
}
