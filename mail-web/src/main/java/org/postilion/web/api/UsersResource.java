package org.postilion.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import org.postilion.directory.Account;
import org.postilion.directory.DirectoryException;
import org.postilion.directory.DirectoryService;
import org.postilion.directory.Domain;
import org.postilion.mailbox.MailboxStore;
import org.postilion.mailbox.NoSuchMailboxException;
import org.postilion.web.api.Views.MailboxView;
import org.postilion.web.api.Views.MessageView;
import org.postilion.web.api.Views.NewUser;
import org.postilion.web.api.Views.QuotaRequest;
import org.postilion.web.api.Views.UserView;

import java.util.ArrayList;
import java.util.List;

/** {@code /api/users}: accounts, their mailboxes and messages. A user is named by its address. */
@RequestScoped
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    private DirectoryService directory;

    @Inject
    private MailboxStore mailboxes;

    /** All users, or those of one domain ({@code ?domain=example.com}). */
    @GET
    public List<UserView> list(@QueryParam("domain") String domain) throws DirectoryException {
        List<UserView> users = new ArrayList<>();
        if (domain != null) {
            directory.listAccounts(domain).forEach(a -> users.add(UserView.of(a)));
            return users;
        }
        for (Domain d : directory.listDomains()) {
            directory.listAccounts(d.getName()).forEach(a -> users.add(UserView.of(a)));
        }
        return users;
    }

    @POST
    public Response create(NewUser request, @Context UriInfo uri) throws DirectoryException {
        if (request == null) {
            throw DirectoryException.invalid("a body {\"address\": ..., \"password\": ...} is required");
        }
        Account a = directory.createAccount(request.address(), request.password());
        return Response.created(uri.getAbsolutePathBuilder().path(a.getAddress()).build())
                .entity(UserView.of(a)).build();
    }

    @GET
    @Path("{address}")
    public UserView get(@PathParam("address") String address) throws DirectoryException {
        return UserView.of(directory.findAccount(address));
    }

    /** Sets the user's storage quota: {@code {"bytes": 104857600}}, or {@code {"bytes": null}} for the default. */
    @PUT
    @Path("{address}/quota")
    public UserView setQuota(@PathParam("address") String address, QuotaRequest request) throws DirectoryException {
        if (request == null) {
            throw DirectoryException.invalid("a body {\"bytes\": ...} is required");
        }
        return UserView.of(directory.setQuota(address, request.bytes()));
    }

    @DELETE
    @Path("{address}")
    public Response delete(@PathParam("address") String address) throws DirectoryException {
        directory.deleteAccount(address);
        return Response.noContent().build();
    }

    @GET
    @Path("{address}/mailboxes")
    public List<MailboxView> mailboxes(@PathParam("address") String address) throws DirectoryException {
        return mailboxes.mailboxes(directory.findAccount(address).getId()).stream().map(MailboxView::of).toList();
    }

    /** One message as stored, raw ({@code message/rfc822}). */
    @GET
    @Path("{address}/messages/{uid}")
    @Produces("message/rfc822")
    public Response message(@PathParam("address") String address, @PathParam("uid") long uid,
                            @QueryParam("mailbox") @DefaultValue("INBOX") String mailbox)
            throws DirectoryException, NoSuchMailboxException {
        byte[] content = mailboxes.content(directory.findAccount(address).getId(), mailbox, uid)
                .orElseThrow(() -> DirectoryException.notFound("no message " + uid + " in " + mailbox));
        return Response.ok(content, "message/rfc822").build();
    }

    /** The messages of one mailbox ({@code ?mailbox=INBOX}, the default), by UID. */
    @GET
    @Path("{address}/messages")
    public List<MessageView> messages(@PathParam("address") String address,
                                      @QueryParam("mailbox") @DefaultValue("INBOX") String mailbox)
            throws DirectoryException, NoSuchMailboxException {
        return mailboxes.list(directory.findAccount(address).getId(), mailbox).stream().map(MessageView::of).toList();
    }
}
