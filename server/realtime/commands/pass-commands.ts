import { canRedeemPass, canWritePass, isSchoolStaff } from "../../auth/access";
import type { PassService } from "../../passes/pass-service";
import type { CommandTable } from "./command-table";

export type PassCommandName = "pass:create" | "pass:list" | "pass:revoke" | "pass:redeemShortCode";

/**
 * Delegate passes (亲友代接): a teacher of every named child's group, or admin, writes and revokes
 * them; the guard types a short code. The list shows each user only the passes they may see.
 */
export function passCommands(passes: PassService): CommandTable<PassCommandName> {
  return {
    "pass:create": {
      allowed: (user, { childIds }) => canWritePass(user, passes.groupsOfChildren(childIds)),
      run: (command, { user }) => passes.create(user, command),
    },
    "pass:list": {
      allowed: (user) => isSchoolStaff(user),
      run: (command, { user }) => passes.list(user, command),
    },
    "pass:revoke": {
      allowed: (user, { passId }) => canWritePass(user, passes.groupsOfPass(passId)),
      run: ({ passId }, { user }) => passes.revoke(user, passId),
    },
    "pass:redeemShortCode": {
      allowed: (user) => canRedeemPass(user),
      run: (command, { user }) => passes.redeem(user, command),
    },
  };
}
