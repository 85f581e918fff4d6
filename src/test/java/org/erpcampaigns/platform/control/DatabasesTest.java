package org.erpcampaigns.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class DatabasesTest {

  static long rows(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM T")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void workIsCommittedOrRolledBackAndTheConnectionGivenBackAsItWas() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:databases-test", "sa", "")) {
      c.createStatement().execute("CREATE TABLE T (ID INT PRIMARY KEY)");
      assertEquals(
          1,
          Databases.inTransaction(
              c, () -> c.createStatement().executeUpdate("INSERT INTO T VALUES (1)")));
      assertTrue(c.getAutoCommit());
      assertEquals(1, rows(c));

      assertThrows(
          SQLException.class,
          () ->
              Databases.inTransaction(
                  c,
                  () -> {
                    c.createStatement().executeUpdate("INSERT INTO T VALUES (2)");
                    return c.createStatement().executeUpdate("INSERT INTO T VALUES (1)");
                  }));
      assertTrue(c.getAutoCommit());
      assertEquals(1, rows(c), "the first insert of the failed work was rolled back");

      c.setAutoCommit(false);
      assertThrows(
          IllegalStateException.class,
          () ->
              Databases.inTransaction(
                  c,
                  () -> {
                    c.createStatement().executeUpdate("INSERT INTO T VALUES (3)");
                    throw new IllegalStateException("planted");
                  }));
      assertFalse(c.getAutoCommit(), "given back in the mode it came in");
      assertEquals(1, rows(c));
      assertFalse(Databases.isPostgres(c));
    }
  }
}
