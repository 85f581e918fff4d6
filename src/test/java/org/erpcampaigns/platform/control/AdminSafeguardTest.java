package org.erpcampaigns.platform.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import org.erpcampaigns.platform.control.RuleException.Kind;
import org.junit.jupiter.api.Test;

/** An installation keeps an enabled admin, and no admin locks themself out. */
class AdminSafeguardTest {
  static UserRefused refused(AdminSafeguard cut) {
    UserRefused e = assertThrows(UserRefused.class, cut::check);
    assertEquals(Kind.CONFLICT, e.getKind(), "a 409: the same request may work later");
    return e;
  }

  @Test
  void anotherAdminMayDisableOrDemoteAnAdminWhileOneStays() {
    assertDoesNotThrow(new AdminSafeguard("ada", "bob", true, 2, false, true)::check);
    assertDoesNotThrow(new AdminSafeguard("ada", "bob", true, 2, true, false)::check);
  }

  @Test
  void theLastEnabledAdminStaysOne() {
    UserRefused disabled = refused(new AdminSafeguard("bob", "ada", true, 1, false, true));
    assertEquals("user.error.lastAdmin", disabled.getKey());
    assertEquals(
        "\"ada\" is the last enabled administrator: make another user an administrator first.",
        disabled.localised(Locale.ENGLISH));
    assertEquals(
        "«ada» è l'ultimo amministratore attivo: prima rendi amministratore un altro utente.",
        disabled.localised(Locale.ITALIAN));
    assertEquals(
        "user.error.lastAdmin",
        refused(new AdminSafeguard("ada", "ada", true, 1, true, false)).getKey(),
        "also when the last admin demotes themself");
  }

  @Test
  void anAdminCannotDisableOrDemoteThemself() {
    assertEquals(
        "user.error.selfDisable",
        refused(new AdminSafeguard("ada", "ada", true, 3, false, true)).getKey());
    assertEquals(
        "user.error.selfDemote",
        refused(new AdminSafeguard("ada", "ada", true, 3, true, false)).getKey());
  }

  @Test
  void changesThatKeepTheAdminOrTouchNoAdminPass() {
    assertDoesNotThrow(new AdminSafeguard("ada", "ada", true, 1, true, true)::check);
    // a marketer disabled or given other roles: no admin is lost
    assertDoesNotThrow(new AdminSafeguard("ada", "max", false, 1, false, false)::check);
    // a disabled admin stays disabled and loses the role: nothing changes for the admins
    assertDoesNotThrow(new AdminSafeguard("ada", "old", false, 1, false, false)::check);
    // enabling a disabled admin adds one
    assertDoesNotThrow(new AdminSafeguard("ada", "old", false, 1, true, true)::check);
  }
}
