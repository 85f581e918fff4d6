package org.erpcampaigns.contacts.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.erpcampaigns.contacts.control.ContactFilter;
import org.erpcampaigns.contacts.control.ContactQuery;
import org.erpcampaigns.contacts.control.ContactSort;
import org.erpcampaigns.contacts.entity.Contact;
import org.erpcampaigns.contacts.entity.ContactAddress;
import org.erpcampaigns.contacts.entity.ContactCard;
import org.erpcampaigns.contacts.entity.ContactChannel;
import org.erpcampaigns.contacts.entity.ContactClassification;
import org.erpcampaigns.contacts.entity.ContactOptOut;
import org.erpcampaigns.contacts.entity.ContactOrder;
import org.erpcampaigns.contacts.entity.ContactRelation;
import org.erpcampaigns.contacts.entity.Sendability;

/**
 * The ERP's contacts for the rest of erp-campaigns: search, detail, purchase history, and the
 * opt-outs recorded here. Reading is open to every role; recording consent is not for analysts.
 */
@Stateless
@RolesAllowed({"campaign-admin", "marketer", "analyst"})
public class ContactDirectory {
  private static final Logger LOG = Logger.getLogger(ContactDirectory.class.getName());
  private static final int MAX_ORDERS_SHOWN = 100;

  @PersistenceContext EntityManager em;
  @Resource SessionContext session;

  public long count(ContactFilter filter) {
    return new ContactQuery(em).count(filter);
  }

  /** A page of the contact index (see {@link ContactIndexer}) in the requested order. */
  public List<ContactCard> search(
      ContactFilter filter, ContactSort sort, boolean ascending, int first, int size) {
    return List.copyOf(new ContactQuery(em).page(filter, sort, ascending, first, size));
  }

  public Optional<Contact> find(String id) {
    if (id == null || id.isBlank() || id.length() > 20) {
      return Optional.empty();
    }
    return Optional.ofNullable(em.find(Contact.class, id.strip()));
  }

  /** The distinct countries of the contacts, for the country filter. */
  public List<String> countries() {
    return em.createQuery(
            "SELECT DISTINCT c.country FROM IndexedContact c WHERE c.country IS NOT NULL"
                + " ORDER BY c.country",
            String.class)
        .getResultList();
  }

  /** Ids among the given ones that have an active opt-out recorded here. */
  public Set<String> optedOut(Collection<String> contactIds) {
    if (contactIds.isEmpty()) {
      return Set.of();
    }
    return em
        .createNamedQuery(ContactOptOut.ACTIVE_FOR, ContactOptOut.class)
        .setParameter("contactIds", contactIds)
        .getResultList()
        .stream()
        .map(ContactOptOut::getContactId)
        .collect(Collectors.toSet());
  }

  public ContactDetail detail(Contact contact) {
    String id = contact.getId();
    List<ContactOrder> orders =
        em.createQuery(
                "SELECT o FROM ContactOrder o WHERE o.contactId = :id"
                    + " ORDER BY o.orderDate DESC, o.orderId DESC",
                ContactOrder.class)
            .setParameter("id", id)
            .setMaxResults(MAX_ORDERS_SHOWN)
            .getResultList();
    return new ContactDetail(
        contact,
        byContact(ContactAddress.class, id, "e.validFrom DESC"),
        byContact(ContactChannel.class, id, "e.kind, e.validThru DESC, e.validFrom DESC"),
        byContact(ContactClassification.class, id, "e.groupId"),
        byContact(ContactRelation.class, id, "e.relatedName"),
        orders,
        purchaseTotals(id),
        productsBought(id),
        activeOptOut(id),
        unsendable(contact));
  }

  /**
   * Why marketing may not mail the contact now, or null: {@link Sendability} over the ERP's live
   * values (the contact index may lag behind them) and our suppression list and opt-outs.
   */
  private String unsendable(Contact contact) {
    Object reason =
        em.createNativeQuery(
                "SELECT "
                    + Sendability.reason("c", "c.PARTY_ID", "c.EMAIL")
                    + " FROM (SELECT CAST(?1 AS VARCHAR(20)) AS PARTY_ID,"
                    + " CAST(?2 AS VARCHAR(1)) AS ENABLED, CAST(?3 AS VARCHAR(320)) AS EMAIL,"
                    + " CAST(?4 AS VARCHAR(1)) AS ALLOW_SOLICITATION) c")
            .setParameter(1, contact.getId())
            .setParameter(2, contact.isEnabled() ? "Y" : "N")
            .setParameter(3, contact.getEmail())
            .setParameter(
                4,
                contact.getSolicitationAllowed() == null
                    ? null
                    : contact.getSolicitationAllowed() ? "Y" : "N")
            .getSingleResult();
    return reason == null ? null : reason.toString().strip();
  }

  private <T> List<T> byContact(Class<T> type, String id, String orderBy) {
    return em.createQuery(
            "SELECT e FROM "
                + type.getSimpleName()
                + " e WHERE e.contactId = :id ORDER BY "
                + orderBy,
            type)
        .setParameter("id", id)
        .getResultList();
  }

  /** Orders not cancelled, per currency: count, total and the last order date. */
  List<ContactDetail.PurchaseTotal> purchaseTotals(String id) {
    return em
        .createQuery(
            "SELECT o.currency, COUNT(o), SUM(o.grandTotal), MIN(o.orderDate), MAX(o.orderDate)"
                + " FROM ContactOrder o WHERE o.contactId = :id AND o.status <> 'CANCELLED'"
                + " GROUP BY o.currency ORDER BY o.currency",
            Object[].class)
        .setParameter("id", id)
        .getResultList()
        .stream()
        .map(
            r ->
                new ContactDetail.PurchaseTotal(
                    (String) r[0],
                    ((Number) r[1]).longValue(),
                    (BigDecimal) r[2],
                    (LocalDateTime) r[3],
                    (LocalDateTime) r[4]))
        .toList();
  }

  /** What the contact bought in orders not cancelled, most bought first. */
  List<ContactDetail.ProductBought> productsBought(String id) {
    return em
        .createQuery(
            "SELECT l.productId, l.productName, COUNT(DISTINCT o.orderId), SUM(l.quantity),"
                + " MAX(o.orderDate) FROM ContactOrderLine l, ContactOrder o"
                + " WHERE l.orderId = o.orderId AND o.contactId = :id AND o.status <> 'CANCELLED'"
                + " GROUP BY l.productId, l.productName ORDER BY SUM(l.quantity) DESC, l.productId",
            Object[].class)
        .setParameter("id", id)
        .setMaxResults(50)
        .getResultList()
        .stream()
        .map(
            r ->
                new ContactDetail.ProductBought(
                    (String) r[0],
                    (String) r[1],
                    ((Number) r[2]).longValue(),
                    (BigDecimal) r[3],
                    (LocalDateTime) r[4]))
        .toList();
  }

  private Optional<ContactOptOut> activeOptOut(String id) {
    return em.createNamedQuery(ContactOptOut.ACTIVE_FOR, ContactOptOut.class)
        .setParameter("contactIds", List.of(id))
        .getResultStream()
        .findFirst();
  }

  /**
   * Records that the contact objects to marketing. Idempotent: a contact already opted out keeps
   * its first record.
   */
  @RolesAllowed({"campaign-admin", "marketer"})
  public ContactOptOut recordOptOut(String contactId, String reason) {
    Contact contact = find(contactId).orElseThrow(() -> new UnknownContactException(contactId));
    Optional<ContactOptOut> existing = activeOptOut(contact.getId());
    if (existing.isPresent()) {
      return existing.get();
    }
    String by = session.getCallerPrincipal().getName();
    ContactOptOut optOut = new ContactOptOut(contact.getId(), reason, by, now());
    em.persist(optOut);
    LOG.info(() -> "event=opt-out-recorded contact=" + contact.getId() + " by=" + by);
    return optOut;
  }

  /** The contact agrees to marketing again (the ERP's own consent flag still applies). */
  @RolesAllowed({"campaign-admin", "marketer"})
  public boolean withdrawOptOut(String contactId) {
    Contact contact = find(contactId).orElseThrow(() -> new UnknownContactException(contactId));
    Optional<ContactOptOut> existing = activeOptOut(contact.getId());
    String by = session.getCallerPrincipal().getName();
    existing.ifPresent(o -> o.withdraw(by, now()));
    existing.ifPresent(
        o -> LOG.info(() -> "event=opt-out-withdrawn contact=" + contact.getId() + " by=" + by));
    return existing.isPresent();
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC);
  }
}
