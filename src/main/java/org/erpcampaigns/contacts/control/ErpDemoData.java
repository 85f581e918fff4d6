package org.erpcampaigns.contacts.control;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.text.Normalizer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.erpcampaigns.platform.control.Databases;
import org.flywaydb.core.Flyway;

/**
 * Fills the OFBiz-shaped tables ({@code db/erp/ofbiz}: the V1 schema with the V2 seed) with
 * generated contacts and their orders, for the demo and the benchmarks.
 *
 * <p>What a user sees: about 80% persons and 20% organisations, each organisation with one to three
 * contact persons (PARTY_RELATIONSHIP ACCOUNT → CONTACT, CONTACT_REL); names, streets, postal codes
 * and phone numbers in the style of ten countries; a primary email for about 95% of the parties
 * (some with a second MARKETING_EMAIL, some with an older, closed address), consent as OFBiz stores
 * it (ALLOW_SOLICITATION 'Y', 'N' or NULL); roles CUSTOMER, LEAD, PROSPECT, SUPPLIER;
 * classifications; and about three sales orders per contact over the two years before {@code
 * today}, each order's GRAND_TOTAL the exact sum of its items. Email addresses only use the
 * reserved domains example.com/.net/.org and {@code .test}.
 *
 * <p>Deterministic: the only randomness is one {@link SplittableRandom} seeded with the given seed,
 * and every date is relative to {@code today}, so the same seed and the same day give the same rows
 * on every database. Ids never clash with OFBiz's own: parties are numeric from 10000 (as OFBiz
 * allocates them), contact mechanisms are {@code CM10000...}, orders {@code WS10000...}.
 *
 * <p>On PostgreSQL the rows are streamed with binary COPY while the next chunk is being generated;
 * other databases get batched INSERTs. Memory stays flat: only one or two chunks of {@value #CHUNK}
 * contacts are held at a time.
 */
public final class ErpDemoData {

  /** What a run produced: parties, sales orders, and the time it took. */
  public record Summary(int contacts, long orders, Duration took) {}

  private static final int CHUNK = 10_000;
  private static final int BATCH = 1_000;
  private static final int FIRST_ID = 10_000;
  private static final int BULK_LOAD = 50_000;
  private static final long DAY = 86_400L;
  private static final long NONE = Long.MIN_VALUE;
  private static final String HISTORY_TABLE = "CM_ERP_DEMO_HISTORY";

  private ErpDemoData() {}

  /**
   * Generates {@code contacts} parties with their contact mechanisms, roles, classifications and
   * orders into tables that must not yet hold generated rows (ids start at 10000).
   *
   * <p>Transactions: the generator commits by itself, after every chunk of {@value #CHUNK}
   * contacts, so a million contacts never sit in one transaction. For the run it switches
   * auto-commit off (committing whatever the caller had pending) and restores the caller's setting
   * at the end; on failure the current chunk is rolled back, earlier chunks stay. It never closes
   * the connection: the caller owns it. On PostgreSQL, for runs of {@value #BULK_LOAD} contacts or
   * more, the primary keys and secondary indexes of the generated tables are dropped during the
   * load and rebuilt afterwards (also after a failure); the tables are analysed at the end.
   *
   * @param today the day the data is generated for: every date lies before it
   */
  public static Summary generate(Connection connection, int contacts, long seed, LocalDate today)
      throws SQLException {
    if (contacts < 0) {
      throw new IllegalArgumentException("contacts must not be negative: " + contacts);
    }
    long started = System.nanoTime();
    List<Product> products = products(connection);
    boolean autoCommit = connection.getAutoCommit();
    if (autoCommit) {
      connection.setAutoCommit(false);
    } else {
      connection.commit();
    }
    try {
      long orders =
          Databases.isPostgres(connection)
              ? PostgresCopy.load(connection, contacts, seed, today, products)
              : insert(connection, contacts, seed, today, products);
      connection.commit();
      return new Summary(contacts, orders, Duration.ofNanos(System.nanoTime() - started));
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * Benchmark entry point: {@code ErpDemoData [contacts=1000000] [seed=42]} against {@code
   * BENCH_JDBC_URL} (user {@code BENCH_JDBC_USER}, password {@code BENCH_JDBC_PASSWORD}). Creates
   * the OFBiz schema with Flyway if it is missing, empties the generated tables (not the seed),
   * generates, and prints {@code contacts=N orders=M seconds=S} as its last line. {@code
   * ErpDemoData --schema-only} only brings the OFBiz schema up to date (tables added since the data
   * was generated), keeping the rows.
   */
  public static void main(String[] args) throws Exception {
    boolean schemaOnly = args.length > 0 && args[0].equals("--schema-only");
    int contacts =
        args.length > 0 && !schemaOnly ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 42L;
    String url = env("BENCH_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    String user = env("BENCH_JDBC_USER", "postgres");
    String password = env("BENCH_JDBC_PASSWORD", "");
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      if (!hasTable(connection, "PARTY") || hasTable(connection, HISTORY_TABLE)) {
        Flyway.configure()
            .dataSource(url, user, password)
            .locations("classpath:db/erp/ofbiz")
            .table(HISTORY_TABLE)
            .baselineOnMigrate(false)
            .outOfOrder(true) // as Migrations.erpDemoSchema: V3 came after the flat table's V10
            .load()
            .migrate();
      }
      if (schemaOnly) {
        return;
      }
      try (Statement s = connection.createStatement()) {
        for (Table table : Table.values()) {
          s.execute("TRUNCATE TABLE " + table.name());
        }
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
      Summary summary = generate(connection, contacts, seed, LocalDate.now());
      System.out.printf(
          Locale.ROOT,
          "contacts=%d orders=%d seconds=%.1f%n",
          summary.contacts(),
          summary.orders(),
          summary.took().toMillis() / 1000.0);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static boolean hasTable(Connection connection, String name) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    for (String candidate : new String[] {name, name.toLowerCase(Locale.ROOT)}) {
      try (ResultSet rs = meta.getTables(null, null, candidate, new String[] {"TABLE"})) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static long insert(
      Connection connection, int contacts, long seed, LocalDate today, List<Product> products)
      throws SQLException {
    try (BatchRows rows = new BatchRows(connection)) {
      return new Generator(rows, seed, today, products).run(contacts);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The tables written, with the columns filled (the others stay NULL) and the four stamps last.

  private enum Table {
    PARTY(
        "PARTY_ID, PARTY_TYPE_ID, PREFERRED_CURRENCY_UOM_ID, STATUS_ID, CREATED_DATE,"
            + " CREATED_BY_USER_LOGIN, LAST_MODIFIED_DATE, LAST_MODIFIED_BY_USER_LOGIN"),
    PERSON("PARTY_ID, SALUTATION, FIRST_NAME, LAST_NAME, GENDER, BIRTH_DATE"),
    PARTY_GROUP("PARTY_ID, GROUP_NAME, ANNUAL_REVENUE, NUM_EMPLOYEES"),
    PARTY_ROLE("PARTY_ID, ROLE_TYPE_ID"),
    PARTY_RELATIONSHIP(
        "PARTY_ID_FROM, PARTY_ID_TO, ROLE_TYPE_ID_FROM, ROLE_TYPE_ID_TO, FROM_DATE,"
            + " PARTY_RELATIONSHIP_TYPE_ID, POSITION_TITLE"),
    PARTY_CLASSIFICATION("PARTY_ID, PARTY_CLASSIFICATION_GROUP_ID, FROM_DATE, THRU_DATE"),
    CONTACT_MECH("CONTACT_MECH_ID, CONTACT_MECH_TYPE_ID, INFO_STRING"),
    PARTY_CONTACT_MECH("PARTY_ID, CONTACT_MECH_ID, FROM_DATE, THRU_DATE, ALLOW_SOLICITATION"),
    PARTY_CONTACT_MECH_PURPOSE(
        "PARTY_ID, CONTACT_MECH_ID, CONTACT_MECH_PURPOSE_TYPE_ID, FROM_DATE, THRU_DATE"),
    POSTAL_ADDRESS(
        "CONTACT_MECH_ID, TO_NAME, ADDRESS1, CITY, POSTAL_CODE, COUNTRY_GEO_ID,"
            + " STATE_PROVINCE_GEO_ID"),
    TELECOM_NUMBER("CONTACT_MECH_ID, COUNTRY_CODE, AREA_CODE, CONTACT_NUMBER"),
    ORDER_HEADER(
        "ORDER_ID, ORDER_TYPE_ID, SALES_CHANNEL_ENUM_ID, ORDER_DATE, STATUS_ID, CURRENCY_UOM,"
            + " GRAND_TOTAL"),
    ORDER_ROLE("ORDER_ID, PARTY_ID, ROLE_TYPE_ID"),
    ORDER_ITEM(
        "ORDER_ID, ORDER_ITEM_SEQ_ID, ORDER_ITEM_TYPE_ID, PRODUCT_ID, QUANTITY, UNIT_PRICE,"
            + " STATUS_ID");

    final String columns;
    final int width;

    Table(String columns) {
      this.columns =
          columns + ", LAST_UPDATED_STAMP, LAST_UPDATED_TX_STAMP, CREATED_STAMP, CREATED_TX_STAMP";
      this.width = this.columns.split(",").length;
    }

    String insert() {
      return "INSERT INTO "
          + name()
          + " ("
          + columns
          + ") VALUES ("
          + String.join(", ", Collections.nCopies(width, "?"))
          + ")";
    }

    String copy() {
      return "COPY " + name() + " (" + columns + ") FROM STDIN (FORMAT binary)";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Where the rows go: COPY text for PostgreSQL, batched INSERTs elsewhere.

  /** Receives rows column by column, in the order of {@link Table#columns}. */
  private abstract static class Rows {
    abstract Rows begin(Table table);

    abstract Rows text(String value) throws SQLException;

    /** Seconds since 1970-01-01T00:00 as a local date-time; {@link #NONE} is NULL. */
    abstract Rows timestamp(long seconds) throws SQLException;

    abstract Rows date(long epochDay) throws SQLException;

    abstract Rows number(long value) throws SQLException;

    abstract Rows decimal(BigDecimal value) throws SQLException;

    abstract void end() throws SQLException;

    /** Ends a chunk of contacts: its rows are written and committed. */
    abstract void endChunk() throws SQLException;

    Rows stamps(long seconds) throws SQLException {
      return stamps(seconds, seconds);
    }

    Rows stamps(long updated, long created) throws SQLException {
      return timestamp(updated).timestamp(updated).timestamp(created).timestamp(created);
    }
  }

  private static final class BatchRows extends Rows implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement[] statements = new PreparedStatement[Table.values().length];
    private final int[] pending = new int[Table.values().length];
    private PreparedStatement row;
    private Table table;
    private int column;

    BatchRows(Connection connection) {
      this.connection = connection;
    }

    @Override
    Rows begin(Table table) {
      this.table = table;
      this.row = statements[table.ordinal()];
      this.column = 0;
      return this;
    }

    private PreparedStatement row() throws SQLException {
      if (row == null) {
        row = connection.prepareStatement(table.insert());
        statements[table.ordinal()] = row;
      }
      return row;
    }

    @Override
    Rows text(String value) throws SQLException {
      row().setString(++column, value);
      return this;
    }

    @Override
    Rows timestamp(long seconds) throws SQLException {
      if (seconds == NONE) {
        row().setNull(++column, Types.TIMESTAMP);
      } else {
        row().setObject(++column, LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC));
      }
      return this;
    }

    @Override
    Rows date(long epochDay) throws SQLException {
      row().setObject(++column, LocalDate.ofEpochDay(epochDay));
      return this;
    }

    @Override
    Rows number(long value) throws SQLException {
      row().setLong(++column, value);
      return this;
    }

    @Override
    Rows decimal(BigDecimal value) throws SQLException {
      row().setBigDecimal(++column, value);
      return this;
    }

    @Override
    void end() throws SQLException {
      row().addBatch();
      if (++pending[table.ordinal()] >= BATCH) {
        row.executeBatch();
        pending[table.ordinal()] = 0;
      }
    }

    @Override
    void endChunk() throws SQLException {
      for (int i = 0; i < statements.length; i++) {
        if (pending[i] > 0) {
          statements[i].executeBatch();
          pending[i] = 0;
        }
      }
      connection.commit();
    }

    @Override
    public void close() throws SQLException {
      for (PreparedStatement statement : statements) {
        if (statement != null) {
          statement.close();
        }
      }
    }
  }

  /**
   * Builds each chunk in PostgreSQL's binary COPY format, one buffer per table, and hands it over:
   * binary values cost the server no parsing (text COPY spends much of its time parsing
   * timestamps), which makes the load about twice as fast.
   */
  private static final class CopyRows extends Rows {
    private static final byte[] HEADER = {
      'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };
    private static final long PG_EPOCH_SECONDS = LocalDate.of(2000, 1, 1).toEpochDay() * DAY;
    private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final int NUMERIC_NEGATIVE = 0x4000;

    private final Bytes[] buffers = new Bytes[Table.values().length];
    private final BlockingQueue<byte[][]> chunks;
    private Bytes row;

    CopyRows(BlockingQueue<byte[][]> chunks) {
      this.chunks = chunks;
      for (int i = 0; i < buffers.length; i++) {
        buffers[i] = new Bytes();
      }
    }

    @Override
    Rows begin(Table table) {
      row = buffers[table.ordinal()];
      row.int16(table.width);
      return this;
    }

    @Override
    Rows text(String value) {
      if (value == null) {
        row.int32(-1);
        return this;
      }
      int n = value.length();
      for (int i = 0; i < n; i++) {
        if (value.charAt(i) >= 0x80) {
          byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
          row.int32(utf8.length);
          row.bytes(utf8);
          return this;
        }
      }
      row.int32(n);
      row.ascii(value);
      return this;
    }

    @Override
    Rows timestamp(long seconds) {
      if (seconds == NONE) {
        row.int32(-1);
      } else {
        row.int32(8);
        row.int64((seconds - PG_EPOCH_SECONDS) * 1_000_000L);
      }
      return this;
    }

    @Override
    Rows date(long epochDay) {
      row.int32(4);
      row.int32((int) (epochDay - PG_EPOCH_DAY));
      return this;
    }

    @Override
    Rows number(long value) {
      return decimal(BigDecimal.valueOf(value));
    }

    /** PostgreSQL's NUMERIC wire format: base-10000 digits, weight, sign and display scale. */
    @Override
    Rows decimal(BigDecimal value) {
      int scale = Math.max(0, value.scale());
      java.math.BigInteger unscaled = value.setScale(scale).unscaledValue();
      int sign = unscaled.signum() < 0 ? NUMERIC_NEGATIVE : 0;
      unscaled = unscaled.abs();
      // Align the decimal point to a base-10000 digit boundary.
      int fractionGroups = (scale + 3) / 4;
      unscaled = unscaled.multiply(java.math.BigInteger.TEN.pow(fractionGroups * 4 - scale));
      short[] digits = new short[unscaled.bitLength() / 13 + 2];
      int count = 0;
      if (unscaled.bitLength() < 63) {
        for (long u = unscaled.longValue(); u != 0; u /= 10_000) {
          digits[count++] = (short) (u % 10_000);
        }
      } else {
        java.math.BigInteger base = java.math.BigInteger.valueOf(10_000);
        while (unscaled.signum() != 0) {
          java.math.BigInteger[] qr = unscaled.divideAndRemainder(base);
          digits[count++] = qr[1].shortValue();
          unscaled = qr[0];
        }
      }
      // digits[0] is the least significant; drop trailing (fractional) zeros.
      int low = 0;
      while (low < count && digits[low] == 0) {
        low++;
      }
      int ndigits = count - low;
      int weight = ndigits == 0 ? 0 : count - 1 - fractionGroups;
      row.int32(8 + 2 * ndigits);
      row.int16(ndigits);
      row.int16(weight);
      row.int16(ndigits == 0 ? 0 : sign);
      row.int16(scale);
      for (int i = count - 1; i >= low; i--) {
        row.int16(digits[i]);
      }
      return this;
    }

    @Override
    void end() {}

    @Override
    void endChunk() {
      byte[][] chunk = new byte[buffers.length][];
      for (int i = 0; i < buffers.length; i++) {
        Bytes b = buffers[i];
        if (b.length == 0) {
          chunk[i] = new byte[0];
          continue;
        }
        byte[] data = new byte[HEADER.length + b.length + 2];
        System.arraycopy(HEADER, 0, data, 0, HEADER.length);
        System.arraycopy(b.data, 0, data, HEADER.length, b.length);
        data[data.length - 2] = (byte) 0xFF;
        data[data.length - 1] = (byte) 0xFF;
        chunk[i] = data;
        b.length = 0;
      }
      try {
        chunks.put(chunk);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("demo data generation cancelled");
      }
    }
  }

  /** A growing big-endian byte buffer. */
  private static final class Bytes {
    private byte[] data = new byte[1 << 16];
    private int length;

    private void ensure(int more) {
      if (length + more > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, length + more));
      }
    }

    void int16(int v) {
      ensure(2);
      data[length++] = (byte) (v >>> 8);
      data[length++] = (byte) v;
    }

    void int32(int v) {
      ensure(4);
      data[length++] = (byte) (v >>> 24);
      data[length++] = (byte) (v >>> 16);
      data[length++] = (byte) (v >>> 8);
      data[length++] = (byte) v;
    }

    void int64(long v) {
      int32((int) (v >>> 32));
      int32((int) v);
    }

    void bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, data, length, b.length);
      length += b.length;
    }

    void ascii(String s) {
      int n = s.length();
      ensure(n);
      for (int i = 0; i < n; i++) {
        data[length++] = (byte) s.charAt(i);
      }
    }
  }

  /** The PostgreSQL path, in its own class so the driver is only needed when it is used. */
  private static final class PostgresCopy {
    private static final byte[][] END = new byte[0][];

    static long load(
        Connection connection, int contacts, long seed, LocalDate today, List<Product> products)
        throws SQLException {
      org.postgresql.copy.CopyManager copy =
          connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
      List<String> indexes = contacts >= BULK_LOAD ? dropKeysAndIndexes(connection) : List.of();
      BlockingQueue<byte[][]> chunks = new ArrayBlockingQueue<>(1);
      ExecutorService producer =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "erp-demo-data");
                t.setDaemon(true);
                return t;
              });
      try {
        Future<Long> orders =
            producer.submit(
                () -> {
                  long n = new Generator(new CopyRows(chunks), seed, today, products).run(contacts);
                  chunks.put(END);
                  return n;
                });
        Table[] tables = Table.values();
        while (true) {
          byte[][] chunk = take(chunks, orders);
          if (chunk == END) {
            break;
          }
          for (Table table : tables) {
            byte[] rows = chunk[table.ordinal()];
            if (rows.length > 0) {
              org.postgresql.copy.CopyIn in = copy.copyIn(table.copy());
              in.writeToCopy(rows, 0, rows.length);
              in.endCopy();
            }
          }
          connection.commit();
        }
        long n = orders.get();
        recreate(connection, indexes);
        indexes = List.of();
        try (Statement s = connection.createStatement()) {
          for (Table table : tables) {
            s.execute("ANALYZE " + table.name());
          }
        }
        connection.commit();
        return n;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while generating demo data", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof SQLException sql) {
          throw sql;
        }
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException(cause);
      } finally {
        producer.shutdownNow();
        if (!indexes.isEmpty()) {
          connection.rollback();
          recreate(connection, indexes);
          connection.commit();
        }
      }
    }

    /** The next chunk, or the producer's failure instead of waiting forever. */
    private static byte[][] take(BlockingQueue<byte[][]> chunks, Future<Long> producer)
        throws InterruptedException, ExecutionException {
      while (true) {
        byte[][] chunk = chunks.poll(1, TimeUnit.SECONDS);
        if (chunk != null) {
          return chunk;
        }
        if (producer.isDone()) {
          producer.get();
          chunk = chunks.poll();
          if (chunk != null) {
            return chunk;
          }
          throw new IllegalStateException("demo data generator ended without its last chunk");
        }
      }
    }

    /**
     * Drops the primary keys and the non-unique indexes of the generated tables, as filling a
     * million rows and then indexing them once is far cheaper than maintaining the indexes row by
     * row. Returns the statements that put them back, keys first. (A process killed during the load
     * leaves them dropped: rebuild the schema then.)
     */
    private static List<String> dropKeysAndIndexes(Connection connection) throws SQLException {
      String[] tables =
          Arrays.stream(Table.values())
              .map(t -> t.name().toLowerCase(Locale.ROOT))
              .toArray(String[]::new);
      Array tableArray = connection.createArrayOf("varchar", tables);
      List<String> drops = new ArrayList<>();
      List<String> restores = new ArrayList<>();
      try (PreparedStatement ps =
          connection.prepareStatement(
              "SELECT n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid)"
                  + " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
                  + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                  + " WHERE n.nspname = current_schema() AND c.contype = 'p'"
                  + " AND t.relname = ANY (?) ORDER BY t.relname")) {
        ps.setArray(1, tableArray);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String table = quote(rs.getString(1)) + "." + quote(rs.getString(2));
            String constraint = quote(rs.getString(3));
            drops.add("ALTER TABLE " + table + " DROP CONSTRAINT " + constraint);
            restores.add(
                "ALTER TABLE " + table + " ADD CONSTRAINT " + constraint + " " + rs.getString(4));
          }
        }
      }
      try (PreparedStatement ps =
          connection.prepareStatement(
              "SELECT n.nspname, i.relname, pg_get_indexdef(x.indexrelid)"
                  + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                  + " JOIN pg_class t ON t.oid = x.indrelid"
                  + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                  + " WHERE n.nspname = current_schema() AND NOT x.indisunique"
                  + " AND NOT x.indisprimary AND t.relname = ANY (?) ORDER BY i.relname")) {
        ps.setArray(1, tableArray);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            drops.add("DROP INDEX " + quote(rs.getString(1)) + "." + quote(rs.getString(2)));
            restores.add(rs.getString(3));
          }
        }
      }
      try (Statement s = connection.createStatement()) {
        for (String drop : drops) {
          s.execute(drop);
        }
      }
      connection.commit();
      return restores;
    }

    private static void recreate(Connection connection, List<String> definitions)
        throws SQLException {
      if (definitions.isEmpty()) {
        return;
      }
      try (Statement s = connection.createStatement()) {
        s.execute("SET LOCAL maintenance_work_mem = '512MB'");
        for (String definition : definitions) {
          s.execute(definition);
        }
      }
      connection.commit();
    }

    private static String quote(String identifier) {
      return '"' + identifier.replace("\"", "\"\"") + '"';
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The generator: one pass, one random stream, rows in a fixed order.

  private record Product(String id, BigDecimal price, long discontinued) {}

  private static List<Product> products(Connection connection) throws SQLException {
    List<Product> products = new ArrayList<>();
    try (PreparedStatement ps =
            connection.prepareStatement(
                "SELECT PRODUCT_ID, SALES_DISCONTINUATION_DATE FROM PRODUCT ORDER BY PRODUCT_ID");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String id = rs.getString(1);
        LocalDateTime discontinued = rs.getObject(2, LocalDateTime.class);
        products.add(
            new Product(
                id,
                price(id),
                discontinued == null
                    ? Long.MAX_VALUE
                    : discontinued.toEpochSecond(ZoneOffset.UTC)));
      }
    }
    if (products.isEmpty()) {
      throw new IllegalStateException(
          "PRODUCT is empty: the OFBiz seed data (db/erp/ofbiz V2) must be loaded first");
    }
    return products;
  }

  /** A product's price follows from its id alone, so it is the same for every seed. */
  private static BigDecimal price(String productId) {
    SplittableRandom r = new SplittableRandom(productId.hashCode());
    long units = r.nextInt(5) == 0 ? 100 + r.nextInt(900) : 2 + r.nextInt(98);
    int[] cents = {0, 50, 90, 95, 99};
    return BigDecimal.valueOf(units * 100 + cents[r.nextInt(cents.length)], 2);
  }

  private static final class Generator {
    private static final String[] SEQ = {"00001", "00002", "00003", "00004", "00005"};

    private final Rows out;
    private final SplittableRandom random;
    private final List<Product> products;
    private final long now;
    private int nextParty = FIRST_ID;
    private long nextMech = FIRST_ID;
    private long nextOrder = FIRST_ID;
    private long orders;

    Generator(Rows out, long seed, LocalDate today, List<Product> products) {
      this.out = out;
      this.random = new SplittableRandom(seed);
      this.products = products;
      this.now = today.toEpochDay() * DAY;
    }

    long run(int contacts) throws SQLException {
      int done = 0;
      int inChunk = 0;
      while (done < contacts) {
        int left = contacts - done;
        int made =
            left >= 2 && random.nextInt(3) == 0
                ? organisation(left - 1)
                : person(country(), null, null, 0);
        done += made;
        inChunk += made;
        if (inChunk >= CHUNK) {
          out.endChunk();
          inChunk = 0;
        }
      }
      if (inChunk > 0) {
        out.endChunk();
      }
      return orders;
    }

    /** An organisation with 1..3 contact persons; returns the number of parties made. */
    private int organisation(int maxContacts) throws SQLException {
      Country country = country();
      City city = country.city(random);
      Language lang = city.language();
      String id = String.valueOf(nextParty++);
      long created = between(now - 3650 * DAY, now - 90 * DAY);

      int last = random.nextInt(lang.last.length);
      int industry = random.nextInt(lang.industries.length);
      String suffix = country.suffixes[random.nextInt(country.suffixes.length)];
      String name;
      String slug;
      int form = random.nextInt(10);
      if (form < 5) {
        name = lang.last[last] + " " + lang.industries[industry] + " " + suffix;
        slug = lang.lastAscii[last] + "-" + lang.industriesAscii[industry];
      } else if (form < 8) {
        int partner = random.nextInt(lang.last.length);
        name = lang.last[last] + " & " + lang.last[partner] + " " + suffix;
        slug = lang.lastAscii[last] + "-" + lang.lastAscii[partner];
      } else {
        name = lang.industries[industry] + " " + city.name() + " " + suffix;
        slug = lang.industriesAscii[industry] + "-" + city.ascii();
      }
      String domain = slug + ".test";

      party(id, "PARTY_GROUP", country, created);
      int employees = employees();
      BigDecimal revenue =
          BigDecimal.valueOf(employees * (60L + random.nextInt(190)) * 1000L * 100L, 2);
      out.begin(Table.PARTY_GROUP)
          .text(id)
          .text(name)
          .decimal(revenue)
          .number(employees)
          .stamps(created)
          .end();
      int roles = roles(id, created);
      role(id, "ACCOUNT", created);
      if (random.nextInt(10) == 0) {
        role(id, "SUPPLIER", created);
      }
      emails(id, "info." + id, domain, created);
      postal(id, country, city, name, created);
      phone(id, country, city, false, created);
      classification(
          id,
          employees < 50
              ? (random.nextInt(10) < 7 ? "SMALL_BUSINESS" : "WHOLESALE")
              : employees >= 250
                  ? (random.nextInt(10) < 6 ? "ENTERPRISE" : "KEY_ACCOUNT")
                  : (random.nextInt(2) == 0 ? "WHOLESALE" : "KEY_ACCOUNT"),
          created);
      orders(id, id, country, created, orderCount(roles), true);

      int people = Math.min(1 + random.nextInt(3), maxContacts);
      for (int i = 0; i < people; i++) {
        person(country, city, new Organisation(id, domain), created);
      }
      return 1 + people;
    }

    private record Organisation(String id, String domain) {}

    /** A person, on their own or as a contact person of an organisation; returns 1. */
    private int person(Country country, City officeCity, Organisation org, long orgCreated)
        throws SQLException {
      City city = officeCity != null ? officeCity : country.city(random);
      Language lang = city.language();
      String id = String.valueOf(nextParty++);
      long created =
          org == null
              ? between(now - 3650 * DAY, now - 30 * DAY)
              : between(orgCreated + DAY, now - 30 * DAY);
      boolean female = random.nextBoolean();
      String[] firsts = female ? lang.female : lang.male;
      String[] firstsAscii = female ? lang.femaleAscii : lang.maleAscii;
      int first = random.nextInt(firsts.length);
      int last = random.nextInt(lang.last.length);
      long birth =
          org == null
              ? between(
                  LocalDate.of(1950, 1, 1).toEpochDay(), LocalDate.of(2006, 1, 1).toEpochDay())
              : between(
                  LocalDate.of(1958, 1, 1).toEpochDay(), LocalDate.of(2001, 1, 1).toEpochDay());

      party(id, "PERSON", country, created);
      out.begin(Table.PERSON)
          .text(id)
          .text(female ? lang.mrs : lang.mr)
          .text(firsts[first])
          .text(lang.last[last])
          .text(female ? "F" : "M")
          .date(birth)
          .stamps(created)
          .end();
      int roles = roles(id, created);
      String local = firstsAscii[first] + "." + lang.lastAscii[last] + "." + id;
      if (org != null) {
        role(id, "CONTACT", created);
        out.begin(Table.PARTY_RELATIONSHIP)
            .text(org.id())
            .text(id)
            .text("ACCOUNT")
            .text("CONTACT")
            .timestamp(created)
            .text("CONTACT_REL")
            .text(POSITIONS[random.nextInt(POSITIONS.length)])
            .stamps(created)
            .end();
      }
      emails(id, local, org != null ? org.domain() : PERSONAL_DOMAINS[random.nextInt(3)], created);
      postal(id, country, city, firsts[first] + " " + lang.last[last], created);
      phone(id, country, city, true, created);
      classification(id, random.nextInt(4) == 0 ? "VIP" : "RETAIL", created);
      // A contact person's orders are placed on behalf of the organisation, which pays them.
      orders(org != null ? org.id() : id, id, country, created, orderCount(roles), org != null);
      return 1;
    }

    private void party(String id, String type, Country country, long created) throws SQLException {
      out.begin(Table.PARTY)
          .text(id)
          .text(type)
          .text(country.currency)
          .text(random.nextInt(100) < 3 ? "PARTY_DISABLED" : "PARTY_ENABLED")
          .timestamp(created)
          .text("admin")
          .timestamp(created)
          .text("admin")
          .stamps(created)
          .end();
    }

    private static final int CUSTOMER = 1;
    private static final int LEAD = 2;
    private static final int PROSPECT = 4;

    /** CUSTOMER ~60%, LEAD ~20%, PROSPECT ~15% (some leads are prospects too). */
    private int roles(String id, long created) throws SQLException {
      int r = random.nextInt(100);
      int roles = r < 60 ? CUSTOMER : r < 80 ? LEAD : r < 95 ? PROSPECT : 0;
      if (roles == LEAD && random.nextInt(10) == 0) {
        roles |= PROSPECT;
      }
      if ((roles & CUSTOMER) != 0) {
        role(id, "CUSTOMER", created);
      }
      if ((roles & LEAD) != 0) {
        role(id, "LEAD", created);
      }
      if ((roles & PROSPECT) != 0) {
        role(id, "PROSPECT", created);
      }
      return roles;
    }

    private void role(String id, String role, long created) throws SQLException {
      out.begin(Table.PARTY_ROLE).text(id).text(role).stamps(created).end();
    }

    /** Customers 0..9 orders (4.5 on average); a third of the others one to three. */
    private int orderCount(int roles) {
      if ((roles & CUSTOMER) != 0) {
        return random.nextInt(10);
      }
      return random.nextInt(10) < 3 ? 1 + random.nextInt(3) : 0;
    }

    private int employees() {
      int r = random.nextInt(100);
      if (r < 50) {
        return 1 + random.nextInt(9);
      }
      if (r < 80) {
        return 10 + random.nextInt(40);
      }
      if (r < 95) {
        return 50 + random.nextInt(200);
      }
      return 250 + random.nextInt(4750);
    }

    private void emails(String partyId, String local, String domain, long created)
        throws SQLException {
      if (random.nextInt(100) >= 95) {
        return;
      }
      long from = created;
      if (random.nextInt(100) < 3) {
        // An older address, closed when the current one replaced it.
        long thru = between(created + DAY, now - DAY);
        String mech = mech("EMAIL_ADDRESS", local + "@old-mail.test", created);
        partyMech(partyId, mech, created, thru, allowSolicitation());
        purpose(partyId, mech, "PRIMARY_EMAIL", created, thru);
        from = thru;
      }
      String primary = mech("EMAIL_ADDRESS", local + "@" + domain, from);
      partyMech(partyId, primary, from, NONE, allowSolicitation());
      purpose(partyId, primary, "PRIMARY_EMAIL", from, NONE);
      if (random.nextInt(100) < 10) {
        long since = between(from, now - DAY);
        String marketing = mech("EMAIL_ADDRESS", local + "@newsletter.test", since);
        partyMech(partyId, marketing, since, NONE, allowSolicitation());
        purpose(partyId, marketing, "MARKETING_EMAIL", since, NONE);
      }
    }

    /** 'Y' ~88%, 'N' ~10%, not recorded ~2%. */
    private String allowSolicitation() {
      int r = random.nextInt(100);
      return r < 88 ? "Y" : r < 98 ? "N" : null;
    }

    private void postal(String partyId, Country country, City city, String toName, long created)
        throws SQLException {
      String mech = mech("POSTAL_ADDRESS", null, created);
      out.begin(Table.POSTAL_ADDRESS)
          .text(mech)
          .text(toName)
          .text(street(country, city.language()))
          .text(city.name())
          .text(fill(city.postalCode()))
          .text(country.geoId)
          .text(city.state())
          .stamps(created)
          .end();
      partyMech(partyId, mech, created, NONE, null);
      purpose(partyId, mech, "PRIMARY_LOCATION", created, NONE);
      purpose(partyId, mech, "GENERAL_LOCATION", created, NONE);
    }

    private String street(Country country, Language lang) {
      String street = lang.streets[random.nextInt(lang.streets.length)];
      int number =
          country == Country.USA ? 100 + random.nextInt(9900) : 1 + random.nextInt(lang.maxNumber);
      return lang.numberFirst ? number + " " + street : street + lang.numberSeparator + number;
    }

    private void phone(String partyId, Country country, City city, boolean person, long created)
        throws SQLException {
      if (random.nextInt(100) >= 60) {
        return;
      }
      boolean mobile = person && random.nextInt(10) < 6;
      String area = mobile ? country.mobile[random.nextInt(country.mobile.length)] : city.area();
      StringBuilder number = new StringBuilder(country.digits);
      number.append((char) ('2' + random.nextInt(8)));
      for (int i = 1; i < country.digits; i++) {
        number.append((char) ('0' + random.nextInt(10)));
      }
      String mech = mech("TELECOM_NUMBER", null, created);
      out.begin(Table.TELECOM_NUMBER)
          .text(mech)
          .text(country.dial)
          .text(area)
          .text(number.toString())
          .stamps(created)
          .end();
      partyMech(partyId, mech, created, NONE, null);
      purpose(partyId, mech, mobile ? "PHONE_MOBILE" : "PRIMARY_PHONE", created, NONE);
    }

    /** ~40% of the parties; one in twenty of those has been closed since. */
    private void classification(String partyId, String group, long created) throws SQLException {
      if (random.nextInt(100) >= 40) {
        return;
      }
      long from = between(created, now - 2 * DAY);
      long thru = random.nextInt(20) == 0 ? between(from + DAY, now - DAY) : NONE;
      out.begin(Table.PARTY_CLASSIFICATION)
          .text(partyId)
          .text(group)
          .timestamp(from)
          .timestamp(thru)
          .stamps(thru == NONE ? from : thru, from)
          .end();
    }

    private String mech(String type, String info, long created) throws SQLException {
      String id = "CM" + nextMech++;
      out.begin(Table.CONTACT_MECH).text(id).text(type).text(info).stamps(created).end();
      return id;
    }

    private void partyMech(String partyId, String mech, long from, long thru, String allow)
        throws SQLException {
      out.begin(Table.PARTY_CONTACT_MECH)
          .text(partyId)
          .text(mech)
          .timestamp(from)
          .timestamp(thru)
          .text(allow)
          .stamps(thru == NONE ? from : thru, from)
          .end();
    }

    private void purpose(String partyId, String mech, String purpose, long from, long thru)
        throws SQLException {
      out.begin(Table.PARTY_CONTACT_MECH_PURPOSE)
          .text(partyId)
          .text(mech)
          .text(purpose)
          .timestamp(from)
          .timestamp(thru)
          .stamps(thru == NONE ? from : thru, from)
          .end();
    }

    private void orders(
        String billTo, String placing, Country country, long since, int count, boolean business)
        throws SQLException {
      long from = Math.max(since, now - 730 * DAY);
      for (int o = 0; o < count; o++) {
        String orderId = "WS" + nextOrder++;
        long date = between(from, now - 60);
        int r = random.nextInt(100);
        String status;
        String itemStatus;
        if (r < 85) {
          status = "ORDER_COMPLETED";
          itemStatus = "ITEM_COMPLETED";
        } else if (r < 93) {
          status = "ORDER_APPROVED";
          itemStatus = "ITEM_APPROVED";
        } else {
          status = "ORDER_CANCELLED";
          itemStatus = "ITEM_CANCELLED";
        }
        int c = random.nextInt(20);
        String channel =
            c < 12
                ? "WEB_SALES_CHANNEL"
                : c < 16
                    ? "PHONE_SALES_CHANNEL"
                    : c < 19 ? "EMAIL_SALES_CHANNEL" : "POS_SALES_CHANNEL";
        int items = 1 + random.nextInt(4);
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < items; i++) {
          Product product = product(date);
          int quantity =
              business
                  ? 1 + random.nextInt(20)
                  : random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(4);
          total = total.add(product.price().multiply(BigDecimal.valueOf(quantity)));
          out.begin(Table.ORDER_ITEM)
              .text(orderId)
              .text(SEQ[i])
              .text("PRODUCT_ORDER_ITEM")
              .text(product.id())
              .number(quantity)
              .decimal(product.price())
              .text(itemStatus)
              .stamps(date)
              .end();
        }
        out.begin(Table.ORDER_HEADER)
            .text(orderId)
            .text("SALES_ORDER")
            .text(channel)
            .timestamp(date)
            .text(status)
            .text(country.currency)
            .decimal(total)
            .stamps(date)
            .end();
        out.begin(Table.ORDER_ROLE)
            .text(orderId)
            .text(placing)
            .text("PLACING_CUSTOMER")
            .stamps(date)
            .end();
        out.begin(Table.ORDER_ROLE)
            .text(orderId)
            .text(billTo)
            .text("BILL_TO_CUSTOMER")
            .stamps(date)
            .end();
      }
      orders += count;
    }

    /** A product still on sale at the order date (a few tries, then whatever came up). */
    private Product product(long date) {
      Product product = products.get(random.nextInt(products.size()));
      for (int i = 0; i < 3 && product.discontinued() <= date; i++) {
        product = products.get(random.nextInt(products.size()));
      }
      return product;
    }

    private Country country() {
      int r = random.nextInt(100);
      for (Country country : Country.values()) {
        r -= country.weight;
        if (r < 0) {
          return country;
        }
      }
      return Country.ITA;
    }

    /** Replaces '#' with a digit and '@' with a letter as postcodes use them. */
    private String fill(String pattern) {
      char[] chars = pattern.toCharArray();
      for (int i = 0; i < chars.length; i++) {
        if (chars[i] == '#') {
          chars[i] = (char) ('0' + random.nextInt(10));
        } else if (chars[i] == '@') {
          chars[i] = POSTCODE_LETTERS.charAt(random.nextInt(POSTCODE_LETTERS.length()));
        }
      }
      return new String(chars);
    }

    private long between(long from, long to) {
      return to <= from ? from : from + random.nextLong(to - from);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reference data: languages, countries and their cities.

  private static final String POSTCODE_LETTERS = "ABDEFGHJLNPRSTUWXYZ";
  private static final String[] PERSONAL_DOMAINS = {"example.com", "example.net", "example.org"};
  private static final String[] POSITIONS = {
    "Purchasing Manager",
    "Managing Director",
    "Office Manager",
    "Marketing Manager",
    "Sales Director",
    "Head of Finance",
    "IT Manager",
    "Buyer",
    "Owner",
    "Operations Manager"
  };

  private static final class Language {
    final String[] male;
    final String[] female;
    final String[] last;
    final String[] maleAscii;
    final String[] femaleAscii;
    final String[] lastAscii;
    final String mr;
    final String mrs;
    final String[] streets;
    final boolean numberFirst;
    final String numberSeparator;
    final int maxNumber;
    final String[] industries;
    final String[] industriesAscii;

    Language(
        String male,
        String female,
        String last,
        String salutations,
        String streets,
        String numberFormat,
        String industries) {
      this.male = list(male);
      this.female = list(female);
      this.last = list(last);
      this.maleAscii = ascii(this.male);
      this.femaleAscii = ascii(this.female);
      this.lastAscii = ascii(this.last);
      String[] s = list(salutations);
      this.mr = s[0];
      this.mrs = s[1];
      this.streets = list(streets);
      this.numberFirst = numberFormat.startsWith("#");
      this.numberSeparator =
          numberFirst ? " " : numberFormat.substring(0, numberFormat.length() - 1);
      this.maxNumber = numberFirst ? 120 : 180;
      this.industries = list(industries);
      this.industriesAscii = ascii(this.industries);
    }

    private static String[] list(String csv) {
      return Arrays.stream(csv.split(",")).map(String::strip).toArray(String[]::new);
    }
  }

  /**
   * Lower-case ASCII for email addresses and domains: "Müller" → "mueller", "D'Angelo" → "dangelo".
   */
  static String ascii(String text) {
    String s =
        text.replace("ß", "ss")
            .replace("ä", "ae")
            .replace("ö", "oe")
            .replace("ü", "ue")
            .replace("Ä", "Ae")
            .replace("Ö", "Oe")
            .replace("Ü", "Ue");
    return Normalizer.normalize(s, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]", "");
  }

  private static String[] ascii(String[] texts) {
    return Arrays.stream(texts).map(ErpDemoData::ascii).toArray(String[]::new);
  }

  private static final Language IT =
      new Language(
          "Marco, Luca, Giuseppe, Francesco, Alessandro, Andrea, Matteo, Lorenzo, Davide, Simone,"
              + " Federico, Riccardo, Stefano, Paolo, Giovanni, Antonio, Roberto, Fabio, Massimo,"
              + " Daniele, Gabriele, Tommaso, Nicola, Emanuele, Pietro",
          "Giulia, Francesca, Chiara, Sara, Martina, Valentina, Alessandra, Elena, Federica,"
              + " Silvia, Laura, Anna, Paola, Elisa, Giorgia, Roberta, Claudia, Alice, Beatrice,"
              + " Serena, Ilaria, Marta, Simona, Cristina, Maria",
          "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno,"
              + " Gallo, Conti, De Luca, Mancini, Costa, Giordano, Rizzo, Lombardi, Moretti,"
              + " Barbieri, Fontana, Santoro, Mariani, Rinaldi, Caruso, Ferrara, Galli, Martini,"
              + " Leone, Longo, Gentile, Martinelli, Vitale, Lombardo, Serra, Coppola, De Santis,"
              + " D'Angelo, Marchetti",
          "Sig., Sig.ra",
          "Via Roma, Via Garibaldi, Via Mazzini, Corso Italia, Via Dante Alighieri, Via Verdi,"
              + " Piazza della Repubblica, Via Cavour, Viale Europa, Via Marconi, Corso Vittorio"
              + " Emanuele II, Via XX Settembre, Via Manzoni, Via dei Mille, Via Nazionale",
          " #",
          "Logistica, Impianti, Costruzioni, Alimentari, Tessile, Meccanica, Informatica,"
              + " Arredamenti, Trasporti, Consulenze");
  private static final Language DE =
      new Language(
          "Thomas, Michael, Andreas, Stefan, Christian, Markus, Alexander, Tobias, Daniel,"
              + " Sebastian, Jan, Lukas, Florian, Matthias, Jürgen, Klaus, Peter, Wolfgang, Uwe,"
              + " Frank, Maximilian, Felix, Jonas, Paul, Leon",
          "Anna, Julia, Laura, Katharina, Sarah, Lisa, Lena, Sandra, Sabine, Petra, Claudia,"
              + " Andrea, Nicole, Stefanie, Susanne, Monika, Ursula, Birgit, Anja, Christina,"
              + " Hannah, Marie, Sophie, Lea, Jana",
          "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann,"
              + " Schäfer, Koch, Bauer, Richter, Klein, Wolf, Schröder, Neumann, Schwarz,"
              + " Zimmermann, Braun, Krüger, Hofmann, Hartmann, Lange, Schmitt, Werner, Schmitz,"
              + " Krause, Meier, Lehmann, Schmid, Schulze, Maier, Köhler, Herrmann, König, Walter,"
              + " Mayer, Huber",
          "Herr, Frau",
          "Hauptstraße, Bahnhofstraße, Gartenstraße, Schulstraße, Dorfstraße, Bergstraße,"
              + " Lindenstraße, Kirchstraße, Goethestraße, Schillerstraße, Friedrichstraße,"
              + " Mozartstraße, Ringstraße, Marktplatz, Waldweg",
          " #",
          "Logistik, Maschinenbau, Bau, Elektrotechnik, Holztechnik, Software, Handel, Metallbau,"
              + " Druck, Medizintechnik");
  private static final Language FR =
      new Language(
          "Jean, Pierre, Nicolas, Julien, Thomas, Antoine, François, Philippe, Laurent, Sébastien,"
              + " Olivier, Mathieu, Guillaume, Alexandre, Christophe, Éric, David, Romain, Hugo,"
              + " Louis, Lucas, Maxime, Vincent, Benoît, Arnaud",
          "Marie, Sophie, Camille, Julie, Claire, Isabelle, Nathalie, Céline, Aurélie, Émilie,"
              + " Sandrine, Valérie, Élodie, Chloé, Manon, Léa, Pauline, Anne, Catherine, Hélène,"
              + " Laure, Mathilde, Charlotte, Inès, Margaux",
          "Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon,"
              + " Laurent, Lefebvre, Michel, Garcia, David, Bertrand, Roux, Vincent, Fournier,"
              + " Morel, Girard, André, Lefèvre, Mercier, Dupont, Lambert, Bonnet, François,"
              + " Martinez, Legrand, Garnier, Faure, Rousseau, Blanc, Guérin, Muller, Henry,"
              + " Roussel, Nicolas",
          "M., Mme",
          "rue de la République, avenue Victor Hugo, rue Pasteur, boulevard Voltaire, rue Jean"
              + " Jaurès, place de la Mairie, rue de la Gare, avenue de la Liberté, rue du Général"
              + " de Gaulle, rue des Écoles, rue Nationale, allée des Tilleuls, rue Émile Zola,"
              + " quai de la Loire, boulevard Saint-Michel",
          "# ",
          "Logistique, Bâtiment, Électricité, Informatique, Distribution, Conseil, Transports,"
              + " Imprimerie, Menuiserie, Services");
  private static final Language NL =
      new Language(
          "Jan, Pieter, Dirk, Bram, Daan, Sem, Lucas, Thijs, Ruben, Jeroen, Maarten, Bas, Joris,"
              + " Koen, Sander, Wouter, Niels, Tim, Stijn, Jesse, Lars, Hendrik, Willem, Gert, Tom",
          "Anna, Emma, Sanne, Lotte, Eva, Femke, Anouk, Lieke, Marieke, Inge, Ellen, Sofie, Fleur,"
              + " Iris, Noor, Julia, Linda, Petra, Mirjam, Esther, Hanneke, Annelies, Marloes,"
              + " Karin, Nina",
          "de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit,"
              + " Meijer, de Boer, Mulder, de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen,"
              + " Dekker, Brouwer, de Wit, Dijkstra, Smits, de Graaf, van der Meer, van der Linden,"
              + " Kok, Jacobs, de Haan, Vermeulen, Peeters, Maes, Willems, Claes, Goossens,"
              + " Wouters, De Smet, Mertens, Verhoeven, Van Damme",
          "Dhr., Mevr.",
          "Kerkstraat, Dorpsstraat, Stationsweg, Schoolstraat, Molenweg, Julianastraat,"
              + " Beatrixlaan, Wilhelminastraat, Markt, Nieuwstraat, Kastanjelaan, Eikenlaan,"
              + " Prinsengracht, Havenstraat, Lindelaan",
          " #",
          "Logistiek, Bouw, Techniek, Installatie, Handel, Transport, Advies, Drukkerij,"
              + " Automatisering, Metaal");
  private static final Language ES =
      new Language(
          "José, Antonio, Manuel, Francisco, David, Juan, Javier, Daniel, Carlos, Jesús,"
              + " Alejandro, Miguel, Rafael, Pablo, Sergio, Fernando, Jorge, Alberto, Luis, Álvaro,"
              + " Diego, Adrián, Raúl, Iván, Rubén",
          "María, Carmen, Ana, Laura, Isabel, Lucía, Marta, Cristina, Paula, Elena, Sara, Raquel,"
              + " Pilar, Rosa, Beatriz, Silvia, Patricia, Andrea, Nuria, Sofía, Irene, Alba,"
              + " Claudia, Julia, Teresa",
          "García, Rodríguez, González, Fernández, López, Martínez, Sánchez, Pérez, Gómez, Martín,"
              + " Jiménez, Ruiz, Hernández, Díaz, Moreno, Muñoz, Álvarez, Romero, Alonso,"
              + " Gutiérrez, Navarro, Torres, Domínguez, Vázquez, Ramos, Gil, Ramírez, Serrano,"
              + " Blanco, Molina, Morales, Suárez, Ortega, Delgado, Castro, Ortiz, Rubio, Marín,"
              + " Sanz, Iglesias",
          "Sr., Sra.",
          "Calle Mayor, Gran Vía, Calle Real, Avenida de la Constitución, Calle de Alcalá, Paseo"
              + " de la Castellana, Calle San Juan, Plaza Mayor, Avenida de Andalucía, Calle del"
              + " Carmen, Rambla de Catalunya, Calle Serrano, Avenida Diagonal, Calle Colón, Calle"
              + " Nueva",
          ", #",
          "Logística, Construcciones, Distribuciones, Informática, Transportes, Consultoría,"
              + " Alimentación, Instalaciones, Gráficas, Suministros");
  private static final Language EN =
      new Language(
          "James, John, Robert, Michael, William, David, Richard, Joseph, Thomas, Charles,"
              + " Daniel, Matthew, Mark, Paul, Andrew, George, Oliver, Harry, Jack, Samuel,"
              + " Benjamin, Ryan, Kevin, Brian, Edward",
          "Mary, Patricia, Jennifer, Linda, Elizabeth, Susan, Jessica, Sarah, Karen, Emily, Emma,"
              + " Olivia, Sophie, Charlotte, Amelia, Hannah, Rachel, Laura, Megan, Lucy, Grace,"
              + " Rebecca, Helen, Alice, Victoria",
          "Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Taylor, Anderson,"
              + " Thomas, Moore, Jackson, White, Harris, Martin, Thompson, Clark, Lewis, Walker,"
              + " Hall, Allen, Young, King, Wright, Scott, Green, Baker, Adams, Evans, Roberts,"
              + " Turner, Phillips, Campbell, Parker, Edwards, Collins, Stewart, Morris, Murphy",
          "Mr., Ms.",
          "High Street, Station Road, Church Lane, Main Street, Park Avenue, Victoria Road, Oak"
              + " Street, Maple Avenue, Elm Street, Green Lane, Mill Road, King Street, Queen"
              + " Street, Washington Avenue, Cedar Lane",
          "# ",
          "Logistics, Engineering, Building, Software, Trading, Supplies, Consulting, Printing,"
              + " Electrical, Foods");

  /** A city with its state/province GEO_ID (or none), postcode pattern, area code and language. */
  private record City(
      String name, String state, String postalCode, String area, Language language, String ascii) {
    static City of(String spec, Language language) {
      String[] f = spec.split("\\|");
      return new City(
          f[0],
          f[1].isEmpty() ? null : f[1],
          f[2],
          f[3],
          f.length > 4 ? lang(f[4]) : language,
          ErpDemoData.ascii(f[0]));
    }

    private static Language lang(String code) {
      return switch (code) {
        case "it" -> IT;
        case "de" -> DE;
        case "fr" -> FR;
        case "nl" -> NL;
        case "es" -> ES;
        default -> EN;
      };
    }
  }

  /** The countries, weighted as a European ERP's customer base might be (weights sum to 100). */
  private enum Country {
    ITA(
        25,
        "39",
        "EUR",
        IT,
        7,
        "S.r.l., S.p.A., S.n.c., S.a.s.",
        "320, 328, 333, 338, 340, 347, 349, 393",
        "Milano|IT-MI|201##|02, Roma|IT-RM|001##|06, Torino|IT-TO|101##|011,"
            + " Napoli|IT-NA|801##|081, Firenze|IT-FI|501##|055, Bologna|IT-BO|401##|051,"
            + " Venezia|IT-VE|301##|041, Genova|IT-GE|161##|010, Palermo|IT-PA|901##|091,"
            + " Bari|IT-BA|701##|080, Verona|IT-VR|371##|045, Bergamo|IT-BG|241##|035"),
    DEU(
        15,
        "49",
        "EUR",
        DE,
        7,
        "GmbH, AG, GmbH & Co. KG, e.K.",
        "151, 160, 170, 171, 172, 176, 178",
        "Berlin|DE-BE|10###|30, Hamburg|DE-HH|20###|40, München|DE-BY|80###|89,"
            + " Köln|DE-NW|50###|221, Frankfurt am Main|DE-HE|60###|69, Stuttgart|DE-BW|70###|711,"
            + " Düsseldorf|DE-NW|40###|211, Leipzig|DE-SN|04###|341, Dresden|DE-SN|01###|351,"
            + " Nürnberg|DE-BY|90###|911, Bremen|DE-HB|28###|421, Dortmund|DE-NW|44###|231"),
    FRA(
        15,
        "33",
        "EUR",
        FR,
        8,
        "SARL, SAS, SA",
        "6, 7",
        "Paris|FR-75|750##|1, Lyon|FR-69|6900#|4, Marseille|FR-13|130##|4,"
            + " Toulouse|FR-31|3100#|5, Nice|FR-06|0600#|4, Nantes|FR-44|4400#|2,"
            + " Strasbourg|FR-67|6700#|3, Bordeaux|FR-33|3300#|5, Lille|FR-59|5900#|3,"
            + " Montpellier|FR-34|3400#|4"),
    NLD(
        8,
        "31",
        "EUR",
        NL,
        7,
        "B.V., N.V., V.O.F.",
        "6",
        "Amsterdam||10## @@|20, Rotterdam||30## @@|10, Den Haag||25## @@|70,"
            + " Utrecht||35## @@|30, Eindhoven||56## @@|40, Groningen||97## @@|50,"
            + " Tilburg||50## @@|13, Almere||13## @@|36, Breda||48## @@|76, Nijmegen||65## @@|24"),
    BEL(
        5,
        "32",
        "EUR",
        NL,
        6,
        "BV, NV, SRL, SA",
        "470, 475, 477, 486, 495",
        "Brussel||10#0|2|nl, Bruxelles||10#0|2|fr, Antwerpen||20#0|3|nl, Gent||9000|9|nl,"
            + " Charleroi||6000|71|fr, Liège||4000|4|fr, Brugge||8000|50|nl, Namur||5000|81|fr,"
            + " Leuven||3000|16|nl, Mons||7000|65|fr"),
    ESP(
        8,
        "34",
        "EUR",
        ES,
        7,
        "S.L., S.A.",
        "600, 610, 620, 630, 655, 666, 699",
        "Madrid|ES-M|280##|91, Barcelona|ES-B|080##|93, Valencia|ES-V|460##|96,"
            + " Sevilla|ES-SE|410##|95, Zaragoza|ES-Z|500##|976, Málaga|ES-MA|290##|952,"
            + " Bilbao|ES-BI|480##|94, Alicante|ES-A|030##|96"),
    GBR(
        8,
        "44",
        "GBP",
        EN,
        7,
        "Ltd, plc, LLP",
        "7700, 7712, 7800, 7911, 7400",
        "London||SW# #@@|20, Manchester||M## #@@|161, Birmingham||B## #@@|121,"
            + " Leeds||LS# #@@|113, Glasgow||G## #@@|141, Edinburgh||EH# #@@|131,"
            + " Bristol||BS# #@@|117, Liverpool||L## #@@|151, Sheffield||S## #@@|114,"
            + " Cardiff||CF## #@@|29"),
    USA(
        8,
        "1",
        "USD",
        EN,
        7,
        "Inc., LLC, Corp.",
        "202, 310, 415, 646, 917",
        "New York|US-NY|100##|212, Los Angeles|US-CA|900##|213, San Francisco|US-CA|941##|415,"
            + " Chicago|US-IL|606##|312, Houston|US-TX|770##|713, Austin|US-TX|787##|512,"
            + " Boston|US-MA|021##|617, Seattle|US-WA|981##|206, Miami|US-FL|331##|305,"
            + " Denver|US-CO|802##|303, Atlanta|US-GA|303##|404, Philadelphia|US-PA|191##|215"),
    CHE(
        4,
        "41",
        "CHF",
        DE,
        7,
        "AG, GmbH, SA, Sàrl",
        "76, 77, 78, 79",
        "Zürich||80##|44|de, Genève||12##|22|fr, Basel||40##|61|de, Bern||30##|31|de,"
            + " Lausanne||10##|21|fr, Lugano||69##|91|it, Luzern||60##|41|de,"
            + " St. Gallen||90##|71|de, Winterthur||84##|52|de"),
    AUT(
        4,
        "43",
        "EUR",
        DE,
        7,
        "GmbH, AG, KG, OG",
        "650, 660, 664, 676, 680, 699",
        "Wien||1##0|1, Graz||80#0|316, Linz||40#0|732, Salzburg||50#0|662,"
            + " Innsbruck||60#0|512, Klagenfurt||90#0|463, Villach||95#0|4242, Wels||46#0|7242,"
            + " St. Pölten||31#0|2742");

    final int weight;
    final String geoId;
    final String dial;
    final String currency;
    final int digits;
    final String[] suffixes;
    final String[] mobile;
    final City[] cities;

    Country(
        int weight,
        String dial,
        String currency,
        Language language,
        int digits,
        String suffixes,
        String mobile,
        String cities) {
      this.weight = weight;
      this.geoId = name();
      this.dial = dial;
      this.currency = currency;
      this.digits = digits;
      this.suffixes = Language.list(suffixes);
      this.mobile = Language.list(mobile);
      this.cities =
          Arrays.stream(cities.split(","))
              .map(String::strip)
              .map(spec -> City.of(spec, language))
              .toArray(City[]::new);
    }

    City city(SplittableRandom random) {
      return cities[random.nextInt(cities.length)];
    }
  }
}
