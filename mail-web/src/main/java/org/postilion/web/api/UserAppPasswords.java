package org.postilion.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.postilion.directory.Account;
import org.postilion.directory.DirectoryException;
import org.postilion.security.AppPassword;
import org.postilion.security.AppPasswords;
import org.postilion.web.api.Views.AppPasswordView;
import org.postilion.web.api.Views.IssuedAppPasswordView;
import org.postilion.web.api.Views.NewAppPassword;

import java.util.LinkedHashSet;

/**
 * The app passwords of one user, for the two resources that manage them: an admin's
 * ({@code /api/users/{address}/app-passwords}) and the user's own ({@code /api/self/app-passwords}). The password
 * of a new one is in the answer to its creation only; lists never show it. Each change is audited.
 */
@RequestScoped
public class UserAppPasswords {

    @Inject
    private AppPasswords appPasswords;

    @Inject
    private AuditTrail audit;

    Response list(Account account, Integer offset, Integer limit) throws DirectoryException {
        return Paging.of(offset, limit).of(appPasswords.list(account.getId()).stream().map(AppPasswordView::of)
                .toList());
    }

    Response create(Account account, NewAppPassword request, UriInfo uri) throws DirectoryException {
        if (request == null) {
            throw DirectoryException.invalid("a body {\"name\": ..., \"protocols\": [\"imap\", \"smtp\"]} is required");
        }
        AppPasswords.Issued issued = appPasswords.create(account.getId(), request.name(),
                request.protocols() == null ? null : new LinkedHashSet<>(request.protocols()));
        AppPassword p = issued.stored();
        audit.record("app-password.create", account.getAddress() + "/" + p.getName(), account.getDomain().getName(),
                null, AppPasswordView.of(p));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(p.getId())).build())
                .entity(IssuedAppPasswordView.of(issued)).build();
    }

    Response revoke(Account account, long id) throws DirectoryException {
        AppPassword p = appPasswords.revoke(account.getId(), id);
        audit.record("app-password.revoke", account.getAddress() + "/" + p.getName(), account.getDomain().getName(),
                AppPasswordView.of(p), null);
        return Response.noContent().build();
    }
}
