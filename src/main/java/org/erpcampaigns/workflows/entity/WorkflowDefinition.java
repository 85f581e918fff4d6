package org.erpcampaigns.workflows.entity;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a workflow does: its states with their steps, the state contacts start in, and an optional
 * goal (an event that takes a contact out of the workflow at once, as converted) and an optional
 * send window (its email steps mail only inside it, in each contact's time zone). Stored as JSON
 * (the draft on the workflow, each published version frozen); {@link #problems()} says what keeps
 * it from running, each with its place.
 */
public record WorkflowDefinition(
    String start, ConditionEvent goal, List<WorkflowState> states, SendWindow window) {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,60}");
  private static final int MAX_STATES = 100;
  private static final int MAX_STEPS = 500;

  public WorkflowDefinition {
    states = states == null ? List.of() : List.copyOf(states);
  }

  /** A definition without a send window: it mails whenever a step comes due. */
  public WorkflowDefinition(String start, ConditionEvent goal, List<WorkflowState> states) {
    this(start, goal, states, null);
  }

  /** What keeps a definition from running, at a place ("state 'x', step 'y'"). */
  public record Problem(String key, String state, String step, Object detail) {
    static Problem of(String key, String state, String step) {
      return new Problem(key, state, step, null);
    }
  }

  public Optional<WorkflowState> state(String key) {
    return states.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  /** Every step of the workflow, a group's actions included, in order. */
  public List<Step> allSteps() {
    List<Step> all = new ArrayList<>();
    for (WorkflowState s : states) {
      for (Step step : s.steps()) {
        all.add(step);
        all.addAll(step.steps());
      }
    }
    return all;
  }

  /**
   * Whether this definition sends the same email as {@code step}: an email step with its key and
   * template. Versions that do share the step's mailing, so a contact who got it under one version
   * does not get it again under another (a migration that sends a contact back to the state's
   * start).
   */
  public boolean sendsSameEmail(Step step) {
    return step.kind() == StepKind.SEND_EMAIL
        && allSteps().stream()
            .anyMatch(
                s ->
                    s.kind() == StepKind.SEND_EMAIL
                        && s.key().equals(step.key())
                        && java.util.Objects.equals(s.templateId(), step.templateId()));
  }

  /** The index of the step {@code stepKey} among the steps of state {@code stateKey}, if there. */
  public java.util.OptionalInt stepIndex(String stateKey, String stepKey) {
    List<Step> steps = state(stateKey).map(WorkflowState::steps).orElse(List.of());
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).key().equals(stepKey)) {
        return java.util.OptionalInt.of(i);
      }
    }
    return java.util.OptionalInt.empty();
  }

  /** The problems that keep this definition from being published; empty when it can run. */
  public List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    if (states.isEmpty()) {
      problems.add(Problem.of("workflow.problem.noStates", null, null));
      return problems;
    }
    if (states.size() > MAX_STATES || allSteps().size() > MAX_STEPS) {
      problems.add(new Problem("workflow.problem.tooLarge", null, null, MAX_STEPS));
      return problems;
    }
    Set<String> stateKeys = new HashSet<>();
    Set<String> stepKeys = new HashSet<>();
    for (WorkflowState s : states) {
      if (s.key() == null || !KEY.matcher(s.key()).matches()) {
        problems.add(Problem.of("workflow.problem.badKey", s.key(), null));
      } else if (!stateKeys.add(s.key())) {
        problems.add(Problem.of("workflow.problem.duplicateState", s.key(), null));
      }
      if (s.name() == null || s.name().isBlank() || s.name().length() > 100) {
        problems.add(Problem.of("workflow.problem.stateName", s.key(), null));
      }
    }
    if (start == null || !stateKeys.contains(start)) {
      problems.add(Problem.of("workflow.problem.noStart", start, null));
    }
    if (goal == ConditionEvent.DECIDED) {
      problems.add(Problem.of("workflow.problem.decisionGoal", null, null));
    }
    if (window != null) {
      checkWindow(window, null, null, problems);
    }
    for (WorkflowState s : states) {
      if (s.steps().isEmpty()) {
        problems.add(Problem.of("workflow.problem.noWayOut", s.key(), null));
        continue;
      }
      for (int i = 0; i < s.steps().size(); i++) {
        Step step = s.steps().get(i);
        checkStep(s, step, stateKeys, stepKeys, problems, false);
        if (step.kind() != null && step.kind().endsState() && i < s.steps().size() - 1) {
          problems.add(
              Problem.of("workflow.problem.afterEnd", s.key(), s.steps().get(i + 1).key()));
        }
      }
      Step last = s.steps().get(s.steps().size() - 1);
      if (last.kind() != null && !last.kind().endsState()) {
        problems.add(Problem.of("workflow.problem.noWayOut", s.key(), null));
      }
    }
    if (problems.isEmpty()) {
      unreachable(problems);
      loopsWithoutWait(problems);
    }
    return problems;
  }

  private void checkStep(
      WorkflowState s,
      Step step,
      Set<String> stateKeys,
      Set<String> stepKeys,
      List<Problem> problems,
      boolean inGroup) {
    String state = s.key();
    if (step.key() == null || !KEY.matcher(step.key()).matches()) {
      problems.add(Problem.of("workflow.problem.badKey", state, step.key()));
    } else if (!stepKeys.add(step.key())) {
      problems.add(Problem.of("workflow.problem.duplicateStep", state, step.key()));
    }
    if (step.kind() == null) {
      problems.add(Problem.of("workflow.problem.unknownKind", state, step.key()));
      return;
    }
    String key = step.key();
    switch (step.kind()) {
      case SEND_EMAIL -> {
        if (step.templateId() == null) {
          problems.add(Problem.of("workflow.problem.noTemplate", state, key));
        }
      }
      case WAIT -> {
        if (step.until() == null
            && !positive(step.amount(), step.unit())
            && !Boolean.TRUE.equals(step.untilWindow())) {
          problems.add(Problem.of("workflow.problem.noPeriod", state, key));
        }
        if (Boolean.TRUE.equals(step.untilWindow()) && step.windowIn(window) == null) {
          problems.add(Problem.of("workflow.problem.noWindow", state, key));
        }
      }
      case WAIT_FOR -> {
        if (step.event() == null) {
          problems.add(Problem.of("workflow.problem.noEvent", state, key));
        }
        if (!positive(step.amount(), step.unit())) {
          problems.add(Problem.of("workflow.problem.noPeriod", state, key));
        }
        if (step.then() == null || step.otherwise() == null) {
          problems.add(Problem.of("workflow.problem.noOtherwise", state, key));
        }
      }
      case TASK -> {
        if (step.title() == null || step.title().isBlank() || step.title().length() > 200) {
          problems.add(Problem.of("workflow.problem.noTitle", state, key));
        }
        if (step.taskKind() != null && !Step.TASK_KINDS.contains(step.taskKind())) {
          problems.add(Problem.of("workflow.problem.taskKind", state, key));
        }
        if (step.dueInDays() != null && (step.dueInDays() < 0 || step.dueInDays() > 3650)) {
          problems.add(Problem.of("workflow.problem.noPeriod", state, key));
        }
      }
      case RECORD_COST -> {
        BigDecimal cost = step.cost();
        if (cost == null || cost.signum() <= 0 || cost.scale() > 2 || cost.precision() > 16) {
          problems.add(Problem.of("workflow.problem.cost", state, key));
        }
      }
      case ADD_TO_LIST, REMOVE_FROM_LIST -> {
        if (step.listId() == null) {
          problems.add(Problem.of("workflow.problem.noList", state, key));
        }
      }
      case IF_SEGMENT -> {
        if (step.segmentId() == null) {
          problems.add(Problem.of("workflow.problem.noSegment", state, key));
        }
        if (step.then() == null || step.otherwise() == null) {
          problems.add(Problem.of("workflow.problem.noOtherwise", state, key));
        }
      }
      case GROUP -> {
        if (inGroup) {
          problems.add(Problem.of("workflow.problem.groupInGroup", state, key));
          return;
        }
        if (step.steps().size() < 2) {
          problems.add(Problem.of("workflow.problem.groupSize", state, key));
        }
        for (Step inner : step.steps()) {
          if (inner.kind() != null && !inner.kind().isInstant()) {
            problems.add(Problem.of("workflow.problem.groupNotInstant", state, inner.key()));
          }
          checkStep(s, inner, stateKeys, stepKeys, problems, true);
        }
      }
      case MOVE -> {
        if (step.target() == null) {
          problems.add(Problem.of("workflow.problem.noTarget", state, key));
        }
      }
      case SPLIT -> {
        int total = 0;
        boolean incomplete = false;
        for (Step.Branch b : step.branches()) {
          incomplete |= b.percent() <= 0 || b.state() == null;
          total += b.percent();
        }
        if (step.branches().size() < 2 || total != 100 || incomplete) {
          problems.add(new Problem("workflow.problem.split", state, key, total));
        }
      }
      case END -> {
        if (step.outcome() != null && !Step.OUTCOMES.contains(step.outcome())) {
          problems.add(Problem.of("workflow.problem.outcome", state, key));
        }
      }
      case UPDATE_CRM -> checkCrm(step.crm(), state, key, problems);
      case NOTIFY -> checkNotice(step.notice(), state, key, problems);
    }
    if (step.window() != null) {
      checkWindow(step.window(), state, key, problems);
    }
    for (String target : step.leadsTo()) {
      if (!stateKeys.contains(target)) {
        problems.add(new Problem("workflow.problem.unknownState", state, key, target));
      }
    }
  }

  /** An ERP id (OFBiz: VARCHAR(20)) or a tag of our own: letters, digits, '_' and '-'. */
  private static final Pattern CRM_VALUE = Pattern.compile("[A-Za-z0-9_-]{1,20}");

  private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /** An UPDATE_CRM records something, with ids an ERP takes, and an event has a subject. */
  private static void checkCrm(
      Step.CrmUpdate crm, String state, String step, List<Problem> problems) {
    if (crm == null || crm.isEmpty()) {
      problems.add(Problem.of("workflow.problem.crmNothing", state, step));
      return;
    }
    for (String value :
        java.util.Arrays.asList(crm.roleTypeId(), crm.classificationGroupId(), crm.tag())) {
      if (value != null && !CRM_VALUE.matcher(value).matches()) {
        problems.add(new Problem("workflow.problem.crmValue", state, step, value));
      }
    }
    if (crm.communication()) {
      if (crm.subject() == null || crm.subject().length() > 255) {
        problems.add(Problem.of("workflow.problem.crmSubject", state, step));
      }
    }
  }

  /** A NOTIFY mails an address or a user (a user name as the designer's users have them). */
  private static void checkNotice(
      Step.Notice notice, String state, String step, List<Problem> problems) {
    if (notice == null) {
      return;
    }
    String to = notice.recipient();
    if (to != null
        && (to.length() > 255
            || (to.contains("@") ? !ADDRESS.matcher(to).matches() : !KEY.matcher(to).matches()))) {
      problems.add(new Problem("workflow.problem.noticeRecipient", state, step, to));
    }
    if (notice.subject() != null && notice.subject().length() > 200) {
      problems.add(new Problem("workflow.problem.noticeSubject", state, step, 200));
    }
  }

  /** A send window opens on some day, between two times, in a known zone, on real dates. */
  private static void checkWindow(SendWindow w, String state, String step, List<Problem> problems) {
    if (w.days().isEmpty()) {
      problems.add(Problem.of("workflow.problem.windowDays", state, step));
    }
    if (!w.hoursValid()) {
      problems.add(Problem.of("workflow.problem.windowHours", state, step));
    }
    if (w.zone() != null && w.zoneId().isEmpty()) {
      problems.add(new Problem("workflow.problem.windowZone", state, step, w.zone()));
    }
    if (w.holidays().size() > SendWindow.MAX_HOLIDAYS) {
      problems.add(
          new Problem("workflow.problem.windowHolidays", state, step, SendWindow.MAX_HOLIDAYS));
    }
    w.holidays().stream()
        .filter(h -> !Holidays.valid(h))
        .findFirst()
        .ifPresent(
            h -> problems.add(new Problem("workflow.problem.windowHoliday", state, step, h)));
  }

  private static boolean positive(Integer amount, TimeUnit unit) {
    return amount != null && unit != null && amount > 0 && amount <= 100_000;
  }

  /** States no contact can reach from the start. */
  private void unreachable(List<Problem> problems) {
    Map<String, List<String>> edges = edges();
    Set<String> seen = new HashSet<>();
    Deque<String> toVisit = new ArrayDeque<>(List.of(start));
    while (!toVisit.isEmpty()) {
      String s = toVisit.pop();
      if (seen.add(s)) {
        toVisit.addAll(edges.getOrDefault(s, List.of()));
      }
    }
    for (WorkflowState s : states) {
      if (!seen.contains(s.key())) {
        problems.add(Problem.of("workflow.problem.unreachable", s.key(), null));
      }
    }
  }

  /**
   * A cycle of states none of which waits would move a contact round for ever in one tick: each
   * cycle needs a wait or a timed condition somewhere.
   */
  private void loopsWithoutWait(List<Problem> problems) {
    Map<String, List<String>> edges = edges();
    Map<String, WorkflowState> byKey = new HashMap<>();
    states.forEach(s -> byKey.put(s.key(), s));
    Map<String, Integer> mark = new HashMap<>(); // 1: on the path, 2: done
    for (WorkflowState s : states) {
      if (!s.waits() && !mark.containsKey(s.key())) {
        String found = cycle(s.key(), edges, byKey, mark);
        if (found != null) {
          problems.add(Problem.of("workflow.problem.loopWithoutWait", found, null));
          return;
        }
      }
    }
  }

  private static String cycle(
      String state,
      Map<String, List<String>> edges,
      Map<String, WorkflowState> byKey,
      Map<String, Integer> mark) {
    mark.put(state, 1);
    for (String next : edges.getOrDefault(state, List.of())) {
      WorkflowState n = byKey.get(next);
      if (n == null || n.waits()) {
        continue;
      }
      Integer m = mark.get(next);
      if (m != null && m == 1) {
        return next;
      }
      if (m == null) {
        String found = cycle(next, edges, byKey, mark);
        if (found != null) {
          return found;
        }
      }
    }
    mark.put(state, 2);
    return null;
  }

  private Map<String, List<String>> edges() {
    Map<String, List<String>> edges = new LinkedHashMap<>();
    for (WorkflowState s : states) {
      List<String> out = new ArrayList<>();
      for (Step step : s.steps()) {
        if (step.kind() != null) {
          out.addAll(step.leadsTo());
        }
      }
      edges.put(s.key(), out);
    }
    return edges;
  }

  // JSON

  /** Reads a definition; malformed JSON or values of the wrong type are refused. */
  public static WorkflowDefinition parse(String json) {
    if (json == null || json.isBlank()) {
      throw WorkflowRuleException.invalid("workflow.error.json", "empty");
    }
    if (json.length() > 200_000) {
      throw WorkflowRuleException.invalid("workflow.error.tooLong", 200_000);
    }
    try (var reader = Json.createReader(new StringReader(json))) {
      return of(reader.readObject());
    } catch (JsonParsingException e) {
      throw WorkflowRuleException.invalid("workflow.error.json", e.getLocation().toString());
    } catch (JsonException | ClassCastException | IllegalArgumentException e) {
      throw WorkflowRuleException.invalid("workflow.error.json", String.valueOf(e.getMessage()));
    }
  }

  public static WorkflowDefinition of(JsonObject o) {
    List<WorkflowState> states = new ArrayList<>();
    for (JsonValue v : array(o, "states")) {
      JsonObject s = v.asJsonObject();
      List<Step> steps = new ArrayList<>();
      for (JsonValue st : array(s, "steps")) {
        steps.add(step(st.asJsonObject()));
      }
      states.add(new WorkflowState(text(s, "key"), text(s, "name"), steps));
    }
    return new WorkflowDefinition(
        text(o, "start"),
        enumValue(ConditionEvent.class, text(o, "goal")),
        states,
        window(o.get("window")));
  }

  /**
   * {@code {"days": ["MONDAY", ...], "from": "09:00", "to": "17:00", "zone": "Europe/Rome",
   * "holidays": ["2026-12-08", "12-25"]}}; what the values mean is checked by {@link #problems()}.
   */
  private static SendWindow window(JsonValue v) {
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    JsonObject o = v.asJsonObject();
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (JsonValue d : array(o, "days")) {
      String day = d instanceof JsonString js ? js.getString().strip() : d.toString();
      days.add(enumValue(DayOfWeek.class, day.toUpperCase(Locale.ROOT)));
    }
    List<String> holidays = new ArrayList<>();
    for (JsonValue h : array(o, "holidays")) {
      String holiday = h instanceof JsonString js ? js.getString().strip() : h.toString();
      if (holiday.length() > 20) {
        throw WorkflowRuleException.invalid("workflow.error.tooLong", 20);
      }
      holidays.add(holiday);
    }
    return new SendWindow(
        days, time(text(o, "from")), time(text(o, "to")), holidays, text(o, "zone"));
  }

  private static LocalTime time(String value) {
    if (value == null) {
      return null;
    }
    try {
      return LocalTime.parse(value);
    } catch (DateTimeParseException e) {
      throw WorkflowRuleException.invalid("workflow.error.time", value);
    }
  }

  private static Step step(JsonObject o) {
    List<Step.Branch> branches = new ArrayList<>();
    for (JsonValue b : array(o, "branches")) {
      JsonObject bo = b.asJsonObject();
      Integer percent = integer(bo, "percent");
      branches.add(new Step.Branch(percent == null ? 0 : percent, text(bo, "state")));
    }
    List<Step> inner = new ArrayList<>();
    for (JsonValue s : array(o, "steps")) {
      inner.add(step(s.asJsonObject()));
    }
    String until = text(o, "until");
    LocalDateTime untilAt;
    try {
      untilAt = until == null ? null : LocalDateTime.parse(until);
    } catch (DateTimeParseException e) {
      throw WorkflowRuleException.invalid("workflow.error.date", until);
    }
    if (untilAt != null && (untilAt.getYear() < 2000 || untilAt.getYear() > 2999)) {
      throw WorkflowRuleException.invalid("workflow.error.date", until);
    }
    JsonValue cost = o.get("cost");
    BigDecimal amount = null;
    if (cost != null && cost.getValueType() != JsonValue.ValueType.NULL) {
      String c = cost instanceof JsonNumber n ? n.toString() : ((JsonString) cost).getString();
      if (c.length() > 20) {
        throw WorkflowRuleException.invalid("workflow.error.json", "cost");
      }
      try {
        amount = new BigDecimal(c);
      } catch (NumberFormatException e) {
        throw WorkflowRuleException.invalid("workflow.error.json", "cost");
      }
    }
    return new Step(
        text(o, "key"),
        enumValue(StepKind.class, text(o, "kind")),
        text(o, "name"),
        longValue(o, "templateId"),
        integer(o, "amount"),
        enumValue(TimeUnit.class, text(o, "unit")),
        untilAt,
        enumValue(ConditionEvent.class, text(o, "event")),
        text(o, "then"),
        text(o, "otherwise"),
        text(o, "taskKind"),
        text(o, "title"),
        text(o, "assignee"),
        integer(o, "dueInDays"),
        amount,
        o.containsKey("perContact") && o.get("perContact") == JsonValue.TRUE,
        longValue(o, "listId"),
        text(o, "target"),
        text(o, "outcome"),
        branches,
        inner,
        window(o.get("window")),
        o.get("anyTime") == JsonValue.TRUE,
        o.get("untilWindow") == JsonValue.TRUE,
        longValue(o, "segmentId"),
        crm(o.get("crm")),
        notice(o.get("notice")));
  }

  /**
   * {@code {"roleTypeId": "PROSPECT", "classificationGroupId": "HOT_LEAD", "tag": "NO_ANSWER",
   * "communication": true, "subject": "...", "note": "..."}}, each part optional.
   */
  private static Step.CrmUpdate crm(JsonValue v) {
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    JsonObject o = v.asJsonObject();
    return new Step.CrmUpdate(
        text(o, "roleTypeId"),
        text(o, "classificationGroupId"),
        text(o, "tag"),
        o.get("communication") == JsonValue.TRUE,
        text(o, "subject"),
        text(o, "note"));
  }

  /** {@code {"recipient": "owner@shop.test" or a user name, "subject": "..."}}, both optional. */
  private static Step.Notice notice(JsonValue v) {
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    JsonObject o = v.asJsonObject();
    return new Step.Notice(text(o, "recipient"), text(o, "subject"));
  }

  private static JsonArray array(JsonObject o, String name) {
    JsonValue v = o.get(name);
    return v == null || v.getValueType() == JsonValue.ValueType.NULL
        ? JsonValue.EMPTY_JSON_ARRAY
        : v.asJsonArray();
  }

  private static String text(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    String s = v instanceof JsonString js ? js.getString() : v.toString();
    s = s.strip();
    if (s.length() > 1000) {
      throw WorkflowRuleException.invalid("workflow.error.tooLong", 1000);
    }
    return s.isEmpty() ? null : s;
  }

  private static Integer integer(JsonObject o, String name) {
    Long l = longValue(o, name);
    if (l == null) {
      return null;
    }
    if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
      throw WorkflowRuleException.invalid("workflow.error.number", name);
    }
    return l.intValue();
  }

  private static Long longValue(JsonObject o, String name) {
    String s = text(o, name);
    if (s == null) {
      return null;
    }
    try {
      return Long.valueOf(s);
    } catch (NumberFormatException e) {
      throw WorkflowRuleException.invalid("workflow.error.number", name);
    }
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw WorkflowRuleException.invalid("workflow.error.value", value);
    }
  }

  /** The definition as JSON, as {@link #parse} reads it. */
  public JsonObject toJson() {
    JsonObjectBuilder b = Json.createObjectBuilder();
    put(b, "start", start);
    put(b, "goal", goal == null ? null : goal.name());
    JsonArrayBuilder ss = Json.createArrayBuilder();
    for (WorkflowState s : states) {
      JsonObjectBuilder so = Json.createObjectBuilder();
      put(so, "key", s.key());
      put(so, "name", s.name());
      JsonArrayBuilder steps = Json.createArrayBuilder();
      s.steps().forEach(st -> steps.add(json(st)));
      so.add("steps", steps);
      ss.add(so);
    }
    b.add("states", ss);
    if (window != null) {
      b.add("window", json(window));
    }
    return b.build();
  }

  private static JsonObject json(SendWindow w) {
    JsonObjectBuilder b = Json.createObjectBuilder();
    JsonArrayBuilder days = Json.createArrayBuilder();
    w.days().stream().sorted().forEach(d -> days.add(d.name()));
    b.add("days", days);
    put(b, "from", w.from() == null ? null : w.from().toString());
    put(b, "to", w.to() == null ? null : w.to().toString());
    put(b, "zone", w.zone());
    JsonArrayBuilder holidays = Json.createArrayBuilder();
    w.holidays().forEach(holidays::add);
    b.add("holidays", holidays);
    return b.build();
  }

  private static JsonObject json(Step s) {
    JsonObjectBuilder b = Json.createObjectBuilder();
    put(b, "key", s.key());
    put(b, "kind", s.kind() == null ? null : s.kind().name());
    put(b, "name", s.name());
    if (s.templateId() != null) {
      b.add("templateId", s.templateId());
    }
    if (s.amount() != null) {
      b.add("amount", s.amount());
    }
    put(b, "unit", s.unit() == null ? null : s.unit().name());
    put(b, "until", s.until() == null ? null : s.until().toString());
    put(b, "event", s.event() == null ? null : s.event().name());
    put(b, "then", s.then());
    put(b, "otherwise", s.otherwise());
    put(b, "taskKind", s.taskKind());
    put(b, "title", s.title());
    put(b, "assignee", s.assignee());
    if (s.dueInDays() != null) {
      b.add("dueInDays", s.dueInDays());
    }
    if (s.cost() != null) {
      b.add("cost", s.cost());
    }
    if (Boolean.TRUE.equals(s.perContact())) {
      b.add("perContact", true);
    }
    if (s.listId() != null) {
      b.add("listId", s.listId());
    }
    if (s.segmentId() != null) {
      b.add("segmentId", s.segmentId());
    }
    put(b, "target", s.target());
    put(b, "outcome", s.outcome());
    if (!s.branches().isEmpty()) {
      JsonArrayBuilder br = Json.createArrayBuilder();
      s.branches()
          .forEach(
              x -> {
                JsonObjectBuilder bo = Json.createObjectBuilder().add("percent", x.percent());
                put(bo, "state", x.state());
                br.add(bo);
              });
      b.add("branches", br);
    }
    if (!s.steps().isEmpty()) {
      JsonArrayBuilder inner = Json.createArrayBuilder();
      s.steps().forEach(x -> inner.add(json(x)));
      b.add("steps", inner);
    }
    if (s.window() != null) {
      b.add("window", json(s.window()));
    }
    if (Boolean.TRUE.equals(s.anyTime())) {
      b.add("anyTime", true);
    }
    if (Boolean.TRUE.equals(s.untilWindow())) {
      b.add("untilWindow", true);
    }
    if (s.crm() != null) {
      JsonObjectBuilder crm = Json.createObjectBuilder();
      put(crm, "roleTypeId", s.crm().roleTypeId());
      put(crm, "classificationGroupId", s.crm().classificationGroupId());
      put(crm, "tag", s.crm().tag());
      if (s.crm().communication()) {
        crm.add("communication", true);
      }
      put(crm, "subject", s.crm().subject());
      put(crm, "note", s.crm().note());
      b.add("crm", crm);
    }
    if (s.notice() != null) {
      JsonObjectBuilder notice = Json.createObjectBuilder();
      put(notice, "recipient", s.notice().recipient());
      put(notice, "subject", s.notice().subject());
      b.add("notice", notice);
    }
    return b.build();
  }

  private static void put(JsonObjectBuilder b, String name, String value) {
    if (value != null) {
      b.add(name, value);
    }
  }
}
