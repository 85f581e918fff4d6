package org.erpcampaigns.workflows.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.erpcampaigns.workflows.entity.Step;
import org.erpcampaigns.workflows.entity.StepKind;
import org.erpcampaigns.workflows.entity.WorkflowDefinition;
import org.erpcampaigns.workflows.entity.WorkflowState;

/**
 * A definition as the designer draws it: states in columns from left to right in the order contacts
 * go through them (a state sits right of every state that leads to it, loops aside), rows within a
 * column, and one arrow per way from a state to another.
 */
public final class WorkflowGraph {
  private WorkflowGraph() {}

  /** How a step leads from one state to another. */
  public enum Way {
    /** A condition's event happened in time. */
    THEN,
    /** A condition's period ended without its event. */
    OTHERWISE,
    MOVE,
    SPLIT
  }

  /**
   * An arrow: from a state to another by a step; {@code back} when it goes against the columns (a
   * loop); {@code percent} for a split's share.
   */
  public record Arrow(String from, String to, Step step, Way way, Integer percent, boolean back) {}

  /** A state's place: its column and its row in that column. */
  public record Place(int column, int row) {}

  public record Layout(Map<String, Place> places, List<Arrow> arrows) {}

  public static Layout of(WorkflowDefinition d) {
    Map<String, WorkflowState> states = new LinkedHashMap<>();
    for (WorkflowState s : d.states()) {
      if (s.key() != null) {
        states.putIfAbsent(s.key(), s);
      }
    }
    List<Arrow> arrows = new ArrayList<>();
    Map<String, List<String>> next = new LinkedHashMap<>();
    for (WorkflowState s : states.values()) {
      List<String> out = new ArrayList<>();
      for (Step step : s.steps()) {
        for (Arrow a : ways(s.key(), step)) {
          if (states.containsKey(a.to())) {
            arrows.add(a);
            out.add(a.to());
          }
        }
      }
      next.put(s.key(), out);
    }
    // loops: arrows to a state still being visited, depth first from the start, then the rest
    Set<String> backEdges = new HashSet<>();
    Set<String> done = new HashSet<>();
    List<String> order = new ArrayList<>();
    List<String> roots = new ArrayList<>();
    if (d.start() != null && states.containsKey(d.start())) {
      roots.add(d.start());
    }
    roots.addAll(states.keySet());
    for (String root : roots) {
      visit(root, next, new HashSet<>(), done, backEdges, order);
    }
    // columns: the longest way from a state without arrows into it, loops left out
    Map<String, Integer> column = new HashMap<>();
    List<String> topological = new ArrayList<>(order);
    java.util.Collections.reverse(topological);
    for (String s : topological) {
      column.putIfAbsent(s, 0);
      for (String t : next.get(s)) {
        if (!backEdges.contains(s + "\u0000" + t) && !s.equals(t)) {
          column.merge(t, column.get(s) + 1, Math::max);
        }
      }
    }
    Map<String, Place> places = new LinkedHashMap<>();
    Map<Integer, Integer> rows = new HashMap<>();
    for (String s : states.keySet()) {
      int c = column.getOrDefault(s, 0);
      int r = rows.merge(c, 1, Integer::sum) - 1;
      places.put(s, new Place(c, r));
    }
    List<Arrow> drawn = new ArrayList<>();
    for (Arrow a : arrows) {
      boolean back = places.get(a.to()).column() <= places.get(a.from()).column();
      drawn.add(new Arrow(a.from(), a.to(), a.step(), a.way(), a.percent(), back));
    }
    return new Layout(places, drawn);
  }

  private static void visit(
      String s,
      Map<String, List<String>> next,
      Set<String> onPath,
      Set<String> done,
      Set<String> backEdges,
      List<String> order) {
    if (done.contains(s)) {
      return;
    }
    onPath.add(s);
    for (String t : next.get(s)) {
      if (onPath.contains(t)) {
        backEdges.add(s + "\u0000" + t);
      } else {
        visit(t, next, onPath, done, backEdges, order);
      }
    }
    onPath.remove(s);
    done.add(s);
    order.add(s);
  }

  private static List<Arrow> ways(String from, Step step) {
    if (step.kind() == null) {
      return List.of();
    }
    List<Arrow> ways = new ArrayList<>();
    if (step.kind() == StepKind.WAIT_FOR || step.kind() == StepKind.IF_SEGMENT) {
      if (step.then() != null) {
        ways.add(new Arrow(from, step.then(), step, Way.THEN, null, false));
      }
      if (step.otherwise() != null) {
        ways.add(new Arrow(from, step.otherwise(), step, Way.OTHERWISE, null, false));
      }
    } else if (step.kind() == StepKind.MOVE && step.target() != null) {
      ways.add(new Arrow(from, step.target(), step, Way.MOVE, null, false));
    } else if (step.kind() == StepKind.SPLIT) {
      for (Step.Branch b : step.branches()) {
        if (b.state() != null) {
          ways.add(new Arrow(from, b.state(), step, Way.SPLIT, b.percent(), false));
        }
      }
    }
    return ways;
  }
}
