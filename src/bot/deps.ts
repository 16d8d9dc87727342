import type { BulletinSettings } from '../services/bulletins';
import type { ServiceContext } from '../services/context';
import type { EscalationSettings } from '../services/escalations';

/** What the bot's handlers need. `now` is a parameter so flows can be driven at any moment in tests. */
export interface BotDeps {
  ctx: ServiceContext;
  now: () => Date;
  /** Wakes the sender after a handler committed messages. */
  kick: () => void;
  /** The 督查通报's office and recipients (schedule file `bulletin`); the defaults when not given. */
  bulletin?: BulletinSettings;
  /** The 约谈通知单's school name and the referral's office (schedule file `escalation`, `bulletin.office`). */
  escalation?: EscalationSettings;
}
