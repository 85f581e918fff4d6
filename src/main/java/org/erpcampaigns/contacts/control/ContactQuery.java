package org.erpcampaigns.contacts.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.ParameterExpression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.erpcampaigns.contacts.entity.ContactOptOut;
import org.erpcampaigns.contacts.entity.IndexedContact;

/**
 * Turns a {@link ContactFilter} into a database-paged query over the contact index: the database
 * filters, sorts, counts and pages, so a page costs the same at 100 or 100,000 contacts. User
 * values are bound as parameters; LIKE wildcards in them are escaped.
 */
public final class ContactQuery {
  private static final char ESCAPE = '\\';

  private final EntityManager em;

  public ContactQuery(EntityManager em) {
    this.em = em;
  }

  public long count(ContactFilter filter) {
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaQuery<Long> q = cb.createQuery(Long.class);
    Root<IndexedContact> c = q.from(IndexedContact.class);
    Map<ParameterExpression<String>, String> values = new HashMap<>();
    q.select(cb.count(c)).where(predicates(cb, q, c, filter, values));
    TypedQuery<Long> query = em.createQuery(q);
    values.forEach(query::setParameter);
    return query.getSingleResult();
  }

  public List<IndexedContact> page(
      ContactFilter filter, ContactSort sort, boolean ascending, int first, int size) {
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaQuery<IndexedContact> q = cb.createQuery(IndexedContact.class);
    Root<IndexedContact> c = q.from(IndexedContact.class);
    Map<ParameterExpression<String>, String> values = new HashMap<>();
    q.select(c).where(predicates(cb, q, c, filter, values));
    Expression<?> key = c.get(sort.attribute());
    List<Order> order = new ArrayList<>();
    order.add(ascending ? cb.asc(key) : cb.desc(key));
    if (sort != ContactSort.ID) {
      // The id breaks ties, so paging is stable when many rows share a name or a city.
      order.add(cb.asc(c.get("id")));
    }
    q.orderBy(order);
    TypedQuery<IndexedContact> query = em.createQuery(q);
    values.forEach(query::setParameter);
    query.setFirstResult(Math.max(0, first));
    query.setMaxResults(Math.max(1, Math.min(size, 500)));
    return query.getResultList();
  }

  private static Predicate[] predicates(
      CriteriaBuilder cb,
      CriteriaQuery<?> q,
      Root<IndexedContact> c,
      ContactFilter f,
      Map<ParameterExpression<String>, String> values) {
    List<Predicate> where = new ArrayList<>();
    contains(cb, c.get("displayName"), f.name(), values).ifPresent(where::add);
    contains(cb, c.get("organisationName"), f.organisation(), values).ifPresent(where::add);
    contains(cb, c.get("email"), f.email(), values).ifPresent(where::add);
    contains(cb, c.get("city"), f.city(), values).ifPresent(where::add);
    if (present(f.country())) {
      where.add(cb.equal(c.get("country"), bind(cb, values, f.country().strip())));
    }
    if (present(f.role())) {
      // roles is the comma-separated list of the contact's role ids
      Expression<String> roles = cb.concat(cb.concat(",", c.get("roles")), ",");
      String pattern = "%," + escape(f.role().strip()) + ",%";
      where.add(cb.like(roles, bind(cb, values, pattern), ESCAPE));
    }
    if (f.type() != null) {
      where.add(cb.equal(c.get("type"), f.type()));
    }
    if (f.solicitation() != null) {
      Subquery<Long> optOut = q.subquery(Long.class);
      Root<ContactOptOut> o = optOut.from(ContactOptOut.class);
      optOut
          .select(o.get("id"))
          .where(cb.equal(o.get("contactId"), c.get("id")), cb.isNull(o.get("withdrawnAt")));
      Expression<String> erp = c.get("allowSolicitation");
      switch (f.solicitation()) {
        case ALLOWED -> where.add(cb.and(cb.equal(erp, "Y"), cb.not(cb.exists(optOut))));
        case REFUSED -> where.add(cb.or(cb.equal(erp, "N"), cb.exists(optOut)));
        case UNKNOWN -> where.add(cb.and(cb.isNull(erp), cb.not(cb.exists(optOut))));
      }
    }
    return where.toArray(Predicate[]::new);
  }

  private static Optional<Predicate> contains(
      CriteriaBuilder cb,
      Expression<String> field,
      String value,
      Map<ParameterExpression<String>, String> values) {
    if (!present(value)) {
      return Optional.empty();
    }
    String pattern = "%" + escape(value.strip().toLowerCase(Locale.ROOT)) + "%";
    return Optional.of(cb.like(cb.lower(field), bind(cb, values, pattern), ESCAPE));
  }

  private static ParameterExpression<String> bind(
      CriteriaBuilder cb, Map<ParameterExpression<String>, String> values, String value) {
    ParameterExpression<String> parameter = cb.parameter(String.class, "p" + values.size());
    values.put(parameter, value);
    return parameter;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  /** Makes %, _ and the escape character itself match literally in a LIKE pattern. */
  static String escape(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 8);
    for (char ch : value.toCharArray()) {
      if (ch == '%' || ch == '_' || ch == ESCAPE) {
        sb.append(ESCAPE);
      }
      sb.append(ch);
    }
    return sb.toString();
  }
}
