package org.postilion.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.postilion.directory.Account;
import org.postilion.directory.AccountQuery;
import org.postilion.directory.AccountSettings;
import org.postilion.directory.DirectoryException;
import org.postilion.directory.DirectoryService;
import org.postilion.mailbox.MailboxStore;
import org.postilion.mailbox.NoSuchMailboxException;
import org.postilion.web.api.Views.MailboxView;
import org.postilion.web.api.Views.MessageView;
import org.postilion.web.api.Views.NewAppPassword;
import org.postilion.web.api.Views.NewUser;
import org.postilion.web.api.Views.PasswordChange;
import org.postilion.web.api.Views.QuotaRequest;
import org.postilion.web.api.Views.UserSettingsRequest;
import org.postilion.web.api.Views.UserView;
import org.postilion.web.security.Authorization;
import org.postilion.web.security.Roles;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/users}: accounts, their mailboxes and messages. A user is named by its address. A domain admin
 * manages the users of their domains; other users do not exist for them.
 */
@RequestScoped
@Tag(name = "users")
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SERVER_ADMIN, Roles.DOMAIN_ADMIN})
public class UsersResource {

    @Inject
    private DirectoryService directory;

    @Inject
    private MailboxStore mailboxes;

    @Inject
    private Authorization authorization;

    @Inject
    private AuditTrail audit;

    @Inject
    private UserAppPasswords appPasswords;

    /**
     * The users the caller may see, or those of one domain ({@code ?domain=example.com}), whose address or display
     * name contains {@code q} (any case), by address, with what their messages take.
     */
    @GET
    public Response list(@QueryParam("domain") String domain, @QueryParam("q") String text,
                         @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit)
            throws DirectoryException {
        Paging paging = Paging.of(offset, limit);
        Set<String> domains = authorization.visibleDomains();
        if (domain != null) {
            authorization.requireDomain(domain);
            domains = Set.of(directory.findDomain(domain).getName());
        }
        AccountQuery.Page page = directory.findAccounts(new AccountQuery(domains, text, paging.offset(),
                paging.limit()));
        Map<Long, Long> usage = mailboxes.usage(page.accounts().stream().map(Account::getId).toList());
        return Paging.page(page.accounts().stream()
                .map(a -> UserView.of(a, usage.getOrDefault(a.getId(), 0L), null)).toList(), page.total());
    }

    @POST
    @Transactional(rollbackOn = DirectoryException.class)
    public Response create(NewUser request, @Context UriInfo uri) throws DirectoryException {
        if (request == null) {
            throw DirectoryException.invalid("a body {\"address\": ..., \"password\": ...} is required");
        }
        authorization.requireDomainOf(request.address());
        Account a = directory.createAccount(request.address(), request.password());
        UserView view = UserView.of(a);
        audit.record("user.create", a.getAddress(), a.getDomain().getName(), null, view);
        return Response.created(uri.getAbsolutePathBuilder().path(a.getAddress()).build()).entity(view).build();
    }

    /** One user, with what its messages take and when it last logged in over each protocol. */
    @GET
    @Path("{address}")
    public UserView get(@PathParam("address") String address) throws DirectoryException {
        return detailed(account(address));
    }

    /** Sets a user's display name, whether it is enabled (a disabled user neither logs in nor receives), forwarding. */
    @PUT
    @Path("{address}")
    @Transactional(rollbackOn = DirectoryException.class)
    public UserView update(@PathParam("address") String address, UserSettingsRequest request)
            throws DirectoryException {
        if (request == null) {
            throw DirectoryException.invalid("a body {\"displayName\", \"enabled\", \"forwardTo\", \"keepCopy\"} "
                    + "is required");
        }
        UserView before = UserView.of(account(address));
        Account a = directory.updateAccount(address, new AccountSettings(request.displayName(), request.enabled(),
                request.forwardTo(), request.keepCopy()));
        UserView after = UserView.of(a);
        audit.record("user.update", a.getAddress(), a.getDomain().getName(), before, after);
        return detailed(a);
    }

    private UserView detailed(Account a) {
        return UserView.of(a, mailboxes.usage(List.of(a.getId())).getOrDefault(a.getId(), 0L),
                directory.lastLogins(a.getId()));
    }

    /** Sets the user's storage quota: {@code {"bytes": 104857600}}, or {@code {"bytes": null}} for the default. */
    @PUT
    @Path("{address}/quota")
    @Transactional(rollbackOn = DirectoryException.class)
    public UserView setQuota(@PathParam("address") String address, QuotaRequest request) throws DirectoryException {
        if (request == null) {
            throw DirectoryException.invalid("a body {\"bytes\": ...} is required");
        }
        UserView before = UserView.of(account(address));
        Account a = directory.setQuota(address, request.bytes());
        UserView after = UserView.of(a);
        audit.record("user.quota", a.getAddress(), a.getDomain().getName(), before, after);
        return after;
    }

    /** Resets the user's password (the help desk's part; only {@code newPassword} is read). */
    @PUT
    @Path("{address}/password")
    @Transactional(rollbackOn = DirectoryException.class)
    public Response setPassword(@PathParam("address") String address, PasswordChange request)
            throws DirectoryException {
        if (request == null || request.newPassword() == null) {
            throw DirectoryException.invalid("a body {\"newPassword\": ...} is required");
        }
        account(address);
        Account a = directory.setPassword(address, request.newPassword());
        audit.record("user.password", a.getAddress(), a.getDomain().getName(), null, null);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{address}")
    @Transactional(rollbackOn = DirectoryException.class)
    public Response delete(@PathParam("address") String address) throws DirectoryException {
        Account a = account(address);
        UserView before = UserView.of(a);
        String domain = a.getDomain().getName();
        directory.deleteAccount(address);
        audit.record("user.delete", before.address(), domain, before, null);
        return Response.noContent().build();
    }

    @GET
    @Path("{address}/mailboxes")
    public Response mailboxes(@PathParam("address") String address, @QueryParam("offset") Integer offset,
                              @QueryParam("limit") Integer limit) throws DirectoryException {
        Paging paging = Paging.of(offset, limit);
        return paging.of(mailboxes.mailboxes(account(address).getId()).stream().map(MailboxView::of).toList());
    }

    /** One message as stored, raw ({@code message/rfc822}). */
    @GET
    @Path("{address}/messages/{uid}")
    @Produces("message/rfc822")
    public Response message(@PathParam("address") String address, @PathParam("uid") long uid,
                            @QueryParam("mailbox") @DefaultValue("INBOX") String mailbox)
            throws DirectoryException, NoSuchMailboxException {
        byte[] content = mailboxes.content(account(address).getId(), mailbox, uid)
                .orElseThrow(() -> DirectoryException.notFound("no message " + uid + " in " + mailbox));
        return Response.ok(content, "message/rfc822").build();
    }

    /** The messages of one mailbox ({@code ?mailbox=INBOX}, the default), by UID. */
    @GET
    @Path("{address}/messages")
    public Response messages(@PathParam("address") String address,
                             @QueryParam("mailbox") @DefaultValue("INBOX") String mailbox,
                             @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit)
            throws DirectoryException, NoSuchMailboxException {
        Paging paging = Paging.of(offset, limit);
        return paging.of(mailboxes.list(account(address).getId(), mailbox).stream().map(MessageView::of).toList());
    }

    /** The user's app passwords (never the passwords themselves). */
    @GET
    @Path("{address}/app-passwords")
    public Response appPasswords(@PathParam("address") String address, @QueryParam("offset") Integer offset,
                                 @QueryParam("limit") Integer limit) throws DirectoryException {
        return appPasswords.list(account(address), offset, limit);
    }

    /** Makes an app password: {@code {"name": "phone", "protocols": ["imap", "smtp"]}}; the answer shows it once. */
    @POST
    @Path("{address}/app-passwords")
    @Transactional(rollbackOn = DirectoryException.class)
    public Response createAppPassword(@PathParam("address") String address, NewAppPassword request,
                                      @Context UriInfo uri) throws DirectoryException {
        return appPasswords.create(account(address), request, uri);
    }

    @DELETE
    @Path("{address}/app-passwords/{id}")
    @Transactional(rollbackOn = DirectoryException.class)
    public Response revokeAppPassword(@PathParam("address") String address, @PathParam("id") long id)
            throws DirectoryException {
        return appPasswords.revoke(account(address), id);
    }

    /** The account, if the caller may manage its domain. */
    private Account account(String address) throws DirectoryException {
        authorization.requireDomainOf(address);
        return directory.findAccount(address);
    }
}
