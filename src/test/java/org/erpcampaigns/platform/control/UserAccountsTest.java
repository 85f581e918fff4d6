package org.erpcampaigns.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.erpcampaigns.platform.control.RuleException.Kind;
import org.junit.jupiter.api.Test;

/** What an admin may give a user: name, password, roles, display name, notification address. */
class UserAccountsTest {
  static UserRefused refused(Runnable check) {
    UserRefused e = assertThrows(UserRefused.class, check::run);
    assertEquals(Kind.INVALID, e.getKind());
    return e;
  }

  @Test
  void namesAreWhatALoginFormAndBasicCarry() {
    assertEquals("maria.rossi", UserAccounts.checkName("  maria.rossi "));
    assertEquals("user.error.name", refused(() -> UserAccounts.checkName("maria rossi")).getKey());
    assertEquals("user.error.name", refused(() -> UserAccounts.checkName("a:b")).getKey());
    assertEquals("user.error.name", refused(() -> UserAccounts.checkName(null)).getKey());
    refused(() -> UserAccounts.checkName("x".repeat(61)));
  }

  @Test
  void passwordsHaveTheFirstAdminsMinimum() {
    UserAccounts.checkPassword("twelve chars");
    UserRefused shortOne = refused(() -> UserAccounts.checkPassword("eleven char"));
    assertEquals("A password needs at least 12 characters.", shortOne.localised(Locale.ENGLISH));
    refused(() -> UserAccounts.checkPassword(null));
  }

  @Test
  void rolesAreOneOrMoreOfTheThree() {
    assertEquals(
        List.of("analyst", "marketer"),
        List.copyOf(UserAccounts.checkRoles(List.of("marketer", "analyst", "marketer"))));
    assertEquals("user.error.role", refused(() -> UserAccounts.checkRoles(List.of())).getKey());
    refused(() -> UserAccounts.checkRoles(null));
    refused(() -> UserAccounts.checkRoles(List.of("marketer", "root")));
  }

  @Test
  void aBlankDisplayNameIsTheUserName() {
    assertEquals("maria", UserAccounts.checkDisplayName("  ", "maria"));
    assertEquals("Maria Rossi", UserAccounts.checkDisplayName(" Maria Rossi ", "maria"));
    refused(() -> UserAccounts.checkDisplayName("x".repeat(101), "maria"));
  }

  @Test
  void theAddressFollowsTheImportsRule() {
    assertEquals("maria@shop.example.com", UserAccounts.checkEmail(" maria@shop.example.com "));
    assertNull(UserAccounts.checkEmail(""), "blank: no notices");
    assertNull(UserAccounts.checkEmail(null));
    for (String bad :
        List.of("maria", "maria@shop", "maria@@shop.com", "ma ria@shop.com", "maria@shop.c")) {
      UserRefused e = refused(() -> UserAccounts.checkEmail(bad));
      assertEquals("user.error.email", e.getKey(), bad);
    }
    String local = "m".repeat(64);
    String tooLong = local + "@" + "d".repeat(186) + ".com";
    assertEquals(255, tooLong.length());
    refused(() -> UserAccounts.checkEmail(tooLong));
    assertEquals(
        "\"maria@shop\" is not an email address.",
        refused(() -> UserAccounts.checkEmail("maria@shop")).localised(Locale.ENGLISH));
  }

  @Test
  void generatedPasswordsPassTheRuleAndDiffer() {
    Random random = new Random(7);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String p = UserAccounts.generatedPassword(random);
      UserAccounts.checkPassword(p);
      assertEquals(UserAccounts.GENERATED_LENGTH, p.length());
      assertTrue(p.chars().noneMatch(c -> "0O1lI".indexOf(c) >= 0), p);
      seen.add(p);
    }
    assertEquals(1000, seen.size());
    assertNotEquals(
        UserAccounts.generatedPassword(new Random(1)),
        UserAccounts.generatedPassword(new Random(2)));
  }
}
