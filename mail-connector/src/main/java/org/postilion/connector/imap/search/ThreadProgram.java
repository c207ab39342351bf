package org.postilion.connector.imap.search;

import org.postilion.connector.imap.decode.ImapArg;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * THREAD and UID THREAD (RFC 5256):
 * <pre>
 *   thread = ["UID" SP] "THREAD" SP thread-alg SP search-criteria
 *   thread-alg = "ORDEREDSUBJECT" / "REFERENCES" / thread-alg-ext
 *   thread-data = "THREAD" [SP 1*thread-list]
 *   thread-list = "(" (thread-members / thread-nested) ")"
 * </pre>
 *
 * <p>REFERENCES follows section 2.2 step by step: link by the References header (or the first Message-ID of
 * In-Reply-To when References has none), with dummy containers for messages not in the result, no link that
 * would make a loop, a message's own last reference as its parent; prune the dummies; sort the top level by
 * sent date; merge threads whose base subjects are equal; sort every set of siblings by sent date (the Date
 * header in UTC, else the internal date; ties by mailbox order). Message-IDs compare case-sensitively; one is
 * valid when it is {@code <...>} with something inside and no white space; a message without a valid or with a
 * duplicate Message-ID gets a unique one, so it can be a parent of none.
 *
 * <p>SECURITY: a thread can be as deep as the mailbox is large (a chain of replies), so no step recurses: the
 * tree is walked with explicit stacks. Loop checks walk up the parent chain, which is bounded by the number of
 * containers; only the last {@value #MAX_REFERENCES} references of a message are used.
 *
 * <p>STANDARDS: RFC 5256 sections 2.1, 2.2, 4 and 5.
 *
 * <p>LIMITS: those of {@link SearchProgram}; {@value #MAX_REFERENCES} references per message.
 */
public final class ThreadProgram {

    public static final int MAX_REFERENCES = 1000;

    private final ThreadAlgorithm algorithm;
    private final SearchProgram search;

    private ThreadProgram(ThreadAlgorithm algorithm, SearchProgram search) {
        this.algorithm = algorithm;
        this.search = search;
    }

    /** Parses the arguments after the word THREAD for a session that has not enabled UTF-8. */
    public static ThreadProgram parse(List<ImapArg> args) throws SearchSyntaxException {
        return parse(args, false);
    }

    /** Parses the arguments after the word THREAD; {@code utf8Only} as for {@link SearchProgram#parse}. */
    public static ThreadProgram parse(List<ImapArg> args, boolean utf8Only) throws SearchSyntaxException {
        if (args.isEmpty() || !(args.get(0) instanceof ImapArg.Atom a)) {
            throw new SearchSyntaxException("THREAD needs a threading algorithm");
        }
        ThreadAlgorithm algorithm;
        try {
            algorithm = ThreadAlgorithm.valueOf(a.value().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SearchSyntaxException("unknown threading algorithm: " + SearchParser.printable(a.value()));
        }
        if (args.size() < 2) {
            throw new SearchSyntaxException("THREAD needs a charset");
        }
        SearchProgram.checkCharset(args.get(1), utf8Only, true);
        SearchKey keys = SearchParser.parseKeys(args, 2);
        return new ThreadProgram(algorithm, new SearchProgram(keys, EnumSet.of(ReturnOption.ALL), false));
    }

    public ThreadAlgorithm algorithm() {
        return algorithm;
    }

    /** The search that selects the messages to thread. */
    public SearchProgram search() {
        return search;
    }

    /** Always: Message-ID, In-Reply-To, Subject and Date come from the stored ENVELOPE. */
    public boolean needsDescription() {
        return true;
    }

    /** REFERENCES reads the References header, which the ENVELOPE lacks. */
    public boolean needsHeader() {
        return algorithm == ThreadAlgorithm.REFERENCES || search.needsHeader();
    }

    public boolean needsBody() {
        return search.needsBody();
    }

    /**
     * Threads the messages the search matched.
     *
     * @param matched the messages, each with its description (and header, for REFERENCES)
     * @param uid     whether to list UIDs (UID THREAD) rather than sequence numbers
     * @return the response line, such as {@code * THREAD (2)(3 6 (4 23)(44 7 96))}, without CRLF
     */
    public String thread(List<SearchCandidate> matched, boolean uid) {
        List<Node> nodes = new ArrayList<>(matched.size());
        for (SearchCandidate c : matched) {
            nodes.add(new Node(c, uid, algorithm == ThreadAlgorithm.REFERENCES));
        }
        nodes.sort(Comparator.comparingInt(n -> n.seq)); // "mailbox order" decides duplicates and ties
        Container root = algorithm == ThreadAlgorithm.REFERENCES ? references(nodes) : orderedSubject(nodes);
        return format(root);
    }

    // ---- the message as threading sees it

    private static final class Node {
        final long number;
        final int seq;
        final Instant date;
        final BaseSubject subject;
        final String messageId;
        final List<String> references;

        Node(SearchCandidate c, boolean uid, boolean withReferences) {
            MessageView view = new MessageView(c, null);
            this.number = uid ? c.uid() : c.seq();
            this.seq = c.seq();
            this.date = SortProgram.sentInstant(view);
            ImapEnvelope e = view.envelope();
            this.subject = BaseSubject.of(e == null ? null : e.subject());
            List<String> ids = e == null ? List.of() : messageIds(e.messageId());
            this.messageId = ids.isEmpty() ? null : ids.get(0);
            if (withReferences) {
                List<String> refs = List.of();
                for (String[] f : view.headerFields()) {
                    if (f[0].equalsIgnoreCase("References")) {
                        refs = messageIds(f[1]);
                        break;
                    }
                }
                if (refs.isEmpty()) {
                    List<String> irt = e == null ? List.of() : messageIds(e.inReplyTo());
                    refs = irt.isEmpty() ? List.of() : List.of(irt.get(0));
                }
                if (refs.size() > MAX_REFERENCES) {
                    refs = refs.subList(refs.size() - MAX_REFERENCES, refs.size());
                }
                this.references = refs;
            } else {
                this.references = List.of();
            }
        }
    }

    /** The valid Message-IDs in a header value, in order: {@code <...>}, not empty, without white space. */
    static List<String> messageIds(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        int i = 0;
        while (true) {
            int lt = value.indexOf('<', i);
            if (lt < 0) {
                return ids;
            }
            int gt = value.indexOf('>', lt + 1);
            if (gt < 0) {
                return ids;
            }
            int nextLt = value.indexOf('<', lt + 1);
            if (nextLt >= 0 && nextLt < gt) {
                i = nextLt; // "<a <b@c>": the first "<" opens nothing
                continue;
            }
            String id = value.substring(lt, gt + 1);
            if (id.length() > 2 && id.chars().noneMatch(Character::isWhitespace)) {
                ids.add(id);
            }
            i = gt + 1;
        }
    }

    // ---- the thread tree

    private static final class Container {
        Node node; // null for a dummy
        Container parent;
        List<Container> children = new ArrayList<>();
        boolean removed; // a dummy merged into another one (step 5)
        Container replacement; // the dummy that took this container's place on the top level (step 5)
        Instant sortDate;
        int sortSeq;

        Container(Node node) {
            if (node != null) {
                fill(node);
            }
        }

        void fill(Node n) {
            node = n;
            sortDate = n.date;
            sortSeq = n.seq;
        }

        boolean isDummy() {
            return node == null;
        }

        /** Whether {@code other} is this container or one of its ancestors. */
        boolean isOrHasAncestor(Container other) {
            for (Container c = this; c != null; c = c.parent) {
                if (c == other) {
                    return true;
                }
            }
            return false;
        }

        void unlink() {
            if (parent != null) {
                parent.children.remove(this);
                parent = null;
            }
        }

        void adopt(Container child) {
            child.unlink();
            child.parent = this;
            children.add(child);
        }

        BaseSubject threadSubject() {
            if (node != null) {
                return node.subject;
            }
            return children.isEmpty() ? null : children.get(0).threadSubject();
        }
    }

    private static final Comparator<Container> BY_DATE =
            Comparator.<Container, Instant>comparing(c -> c.sortDate).thenComparingInt(c -> c.sortSeq);

    /** RFC 5256 section 2.2. */
    private static Container references(List<Node> nodes) {
        Map<String, Container> ids = new HashMap<>();
        List<Container> all = new ArrayList<>();
        // (1) link
        for (Node n : nodes) {
            Container existing = n.messageId == null ? null : ids.get(n.messageId);
            Container container;
            if (existing != null && existing.isDummy()) {
                container = existing; // created for an earlier message's reference to this one
                container.fill(n);
            } else {
                // a missing Message-ID, or the duplicate of an earlier message's: a unique ID, never referenced
                container = new Container(n);
                all.add(container);
                if (n.messageId != null && existing == null) {
                    ids.put(n.messageId, container);
                }
            }
            // (1)(A) link the references one to the next
            Container previous = null;
            for (String ref : n.references) {
                Container c = ids.get(ref);
                if (c == null) {
                    c = new Container(null);
                    ids.put(ref, c);
                    all.add(c);
                }
                if (previous != null && c.parent == null && c != previous && !previous.isOrHasAncestor(c)) {
                    previous.adopt(c);
                }
                previous = c;
            }
            // (1)(B) the last reference is this message's parent
            if (previous != null && !previous.isOrHasAncestor(container)) {
                previous.adopt(container);
            } else if (previous == null && container.parent != null) {
                container.unlink();
            }
        }
        // (2) the root set
        Container root = new Container(null);
        for (Container c : all) {
            if (c.parent == null) {
                c.parent = root;
                root.children.add(c);
            }
        }
        // (3) prune dummies
        prune(root);
        // (4) sort the top level, a dummy by its first child
        for (Container top : root.children) {
            if (top.isDummy()) {
                top.children.sort(BY_DATE);
                top.sortDate = top.children.get(0).sortDate;
                top.sortSeq = top.children.get(0).sortSeq;
            }
        }
        root.children.sort(BY_DATE);
        // (5) merge threads by base subject
        mergeBySubject(root);
        // (6) sort all siblings, the deepest first
        sortAll(root);
        return root;
    }

    private static void prune(Container root) {
        Deque<Container> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Container p = todo.pop();
            List<Container> kept = new ArrayList<>(p.children.size());
            Deque<Container> work = new ArrayDeque<>(p.children);
            while (!work.isEmpty()) {
                Container c = work.pollFirst();
                if (c.isDummy() && c.children.isEmpty()) {
                    continue;
                }
                if (c.isDummy() && (p != root || c.children.size() == 1)) {
                    List<Container> promoted = c.children;
                    for (int i = promoted.size() - 1; i >= 0; i--) {
                        promoted.get(i).parent = p;
                        work.addFirst(promoted.get(i));
                    }
                    c.children = new ArrayList<>();
                    continue;
                }
                kept.add(c);
            }
            p.children = kept;
            for (Container c : kept) {
                todo.push(c);
            }
        }
    }

    private static void mergeBySubject(Container root) {
        Map<String, Container> table = new HashMap<>();
        for (Container c : root.children) {
            BaseSubject s = c.threadSubject();
            if (s == null || s.text().isEmpty()) {
                continue;
            }
            String key = s.key();
            Container old = table.get(key);
            if (old == null || (!old.isDummy() && (c.isDummy()
                    || (old.node.subject.replyOrForward() && !c.node.subject.replyOrForward())))) {
                table.put(key, c);
            }
        }
        // root's list is rebuilt at the end: while merging, taking a thread off the top level stays O(1)
        List<Container> snapshot = root.children;
        root.children = new ArrayList<>();
        for (Container c : snapshot) {
            if (c.removed || c.parent != root) {
                continue;
            }
            BaseSubject s = c.threadSubject();
            if (s == null || s.text().isEmpty()) {
                continue;
            }
            String key = s.key();
            Container t = table.get(key);
            if (t == null || t == c) {
                continue;
            }
            if (t.isDummy() && c.isDummy()) {
                for (Container child : new ArrayList<>(c.children)) {
                    t.adopt(child);
                }
                c.removed = true;
            } else if (t.isDummy()) {
                t.adopt(c);
            } else if (!c.isDummy() && c.node.subject.replyOrForward() && !t.node.subject.replyOrForward()) {
                t.adopt(c);
            } else {
                Container dummy = new Container(null);
                Container tParent = t.parent;
                if (tParent == root) {
                    t.replacement = dummy; // the dummy takes t's place on the top level
                } else {
                    t.unlink();
                }
                dummy.parent = tParent == root ? root : null;
                dummy.children.add(t);
                t.parent = dummy;
                dummy.adopt(c);
                table.put(key, dummy);
            }
        }
        List<Container> top = new ArrayList<>();
        for (Container c : snapshot) {
            if (c.removed) {
                continue;
            }
            if (c.replacement != null) {
                Container r = c.replacement;
                r.parent = root;
                top.add(r);
            } else if (c.parent == root) {
                top.add(c);
            }
        }
        root.children = top;
    }

    private static void sortAll(Container root) {
        List<Container> preorder = new ArrayList<>();
        Deque<Container> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Container c = stack.pop();
            preorder.add(c);
            for (Container child : c.children) {
                stack.push(child);
            }
        }
        for (int i = preorder.size() - 1; i >= 0; i--) {
            Container c = preorder.get(i);
            c.children.sort(BY_DATE);
            if (c.isDummy() && !c.children.isEmpty()) {
                c.sortDate = c.children.get(0).sortDate;
                c.sortSeq = c.children.get(0).sortSeq;
            }
        }
    }

    /** RFC 5256 section 2.1: group by base subject, the first (by sent date) as parent of the rest. */
    private static Container orderedSubject(List<Node> nodes) {
        List<Node> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.<Node, String>comparing(n -> n.subject.key())
                .thenComparing(n -> n.date).thenComparingInt(n -> n.seq));
        Container root = new Container(null);
        Container head = null;
        String headKey = null;
        for (Node n : sorted) {
            Container c = new Container(n);
            String key = n.subject.key();
            if (head != null && key.equals(headKey)) {
                c.parent = head;
                head.children.add(c);
            } else {
                head = c;
                headKey = key;
                c.parent = root;
                root.children.add(c);
            }
        }
        root.children.sort(BY_DATE);
        return root;
    }

    /** {@code * THREAD} and the thread lists of RFC 5256 section 4, written without recursion. */
    private static String format(Container root) {
        StringBuilder sb = new StringBuilder("* THREAD");
        if (!root.children.isEmpty()) {
            sb.append(' ');
        }
        Deque<Object> todo = new ArrayDeque<>();
        for (int i = root.children.size() - 1; i >= 0; i--) {
            todo.push(")");
            todo.push(root.children.get(i));
            todo.push("(");
        }
        while (!todo.isEmpty()) {
            Object next = todo.pop();
            if (next instanceof String s) {
                sb.append(s);
                continue;
            }
            Container c = (Container) next;
            if (c.node != null) {
                sb.append(c.node.number);
            }
            if (c.children.size() == 1 && c.node != null) {
                todo.push(c.children.get(0));
                todo.push(" ");
            } else if (!c.children.isEmpty()) {
                for (int i = c.children.size() - 1; i >= 0; i--) {
                    todo.push(")");
                    todo.push(c.children.get(i));
                    todo.push("(");
                }
                if (c.node != null) {
                    todo.push(" ");
                }
            }
        }
        return sb.toString();
    }
}
