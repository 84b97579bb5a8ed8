package org.jqga.commands.account.internal;

import java.nio.file.Path;

/** What the ssh key commands need of a user: where the keys live and whom the files must belong to. */
record UserAccount(String name, int uid, int gid, Path home) {
}
