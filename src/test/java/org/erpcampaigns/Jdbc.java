package org.erpcampaigns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Plain SQL for the tests' probes inside the container (each statement on a connection of its own,
 * auto-committed): what the probes check or prepare beside the application's own API.
 */
public final class Jdbc {
  private Jdbc() {}

  /** Runs an INSERT, UPDATE or DELETE; returns how many rows it changed. */
  public static int update(DataSource dataSource, String statement, Object... parameters)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = prepared(c, statement, parameters)) {
      return ps.executeUpdate();
    }
  }

  /** The first column of the first row as a number; 0 when there is no row. */
  public static long scalar(DataSource dataSource, String query, Object... parameters)
      throws SQLException {
    List<List<Object>> rows = rows(dataSource, query, parameters);
    return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(0)).longValue();
  }

  /** Every row, each as its columns' values. */
  public static List<List<Object>> rows(DataSource dataSource, String query, Object... parameters)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = prepared(c, query, parameters);
        ResultSet rs = ps.executeQuery()) {
      List<List<Object>> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static PreparedStatement prepared(Connection c, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      return ps;
    } catch (SQLException e) {
      ps.close();
      throw e;
    }
  }
}
