/**
 * An answer's JSON, made once. A card callback's answer (a redrawn slip is a few KB) is serialised for the
 * disclosure checks before it is given; the receiver sends that same text instead of having Fastify serialise the
 * object again. Kept on the object under a symbol that is not enumerable: the object itself is unchanged for
 * everything that reads it, and JSON.stringify never sees the text.
 */
const JSON_TEXT = Symbol('answer json');

/** Records `json` as the serialisation of `answer`; the caller must not change `answer` afterwards. */
export function withJson<T extends object>(answer: T, json: string): T {
  Object.defineProperty(answer, JSON_TEXT, { value: json, enumerable: false });
  return answer;
}

/** The answer's JSON: the one recorded with it, or made now. */
export function answerJson(answer: object): string {
  return (answer as { [JSON_TEXT]?: string })[JSON_TEXT] ?? JSON.stringify(answer);
}
