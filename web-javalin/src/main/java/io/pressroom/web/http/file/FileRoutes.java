package io.pressroom.web.http.file;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pressroom.domain.file.BrowseFiles;
import io.pressroom.domain.file.DeleteFile;
import io.pressroom.domain.file.StoredFile;
import io.pressroom.domain.file.UploadFile;
import io.pressroom.domain.shared.Caller;
import io.pressroom.web.http.Auth;
import io.pressroom.web.http.Problems;
import io.pressroom.web.http.Requests;
import io.pressroom.web.http.file.FileDtos.FileBody;
import io.pressroom.web.http.file.FileDtos.FilePage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /api/files}: streamed uploads (multipart part {@code file}, or a raw body with
 * {@code ?filename=}), listing, metadata, download (single HTTP range) and deletion.
 * The body is never read through Javalin's buffered {@code ctx.body()}: the servlet input
 * stream goes straight to the file store.
 */
public final class FileRoutes {
    /** Room for the multipart envelope (boundaries, part headers, small fields) around the file. */
    static final long MULTIPART_SLACK = 64 * 1024;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final UploadFile upload;
    private final BrowseFiles browse;
    private final DeleteFile delete;
    private final Auth auth;

    public FileRoutes(UploadFile upload, BrowseFiles browse, DeleteFile delete, Auth auth) {
        this.upload = upload;
        this.browse = browse;
        this.delete = delete;
        this.auth = auth;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/files", this::upload);
        routes.get("/api/files", this::list);
        routes.get("/api/files/{id}", this::get);
        routes.get("/api/files/{id}/content", this::content);
        routes.delete("/api/files/{id}", this::delete);
    }

    private void upload(Context ctx) throws IOException {
        String contentType = ctx.req().getContentType();
        boolean multipart = MultipartStream.isMultipart(contentType);
        long declared = ctx.req().getContentLengthLong();
        // the size limit before anything else, on the announced length
        if (declared >= 0) {
            upload.checkDeclaredSize(declared, multipart ? MULTIPART_SLACK : 0);
        }
        Caller caller = auth.member(ctx);
        InputStream body = ctx.req().getInputStream();
        UploadFile.UploadResult result;
        if (multipart) {
            MultipartStream parts;
            try {
                parts = new MultipartStream(body, contentType);
            } catch (IllegalArgumentException e) {
                throw Problems.BadRequest.field("file", e.getMessage());
            }
            MultipartStream.Part part;
            long skipped = 0;
            while (true) {
                try {
                    part = parts.next();
                } catch (IOException e) {
                    throw Problems.BadRequest.field("file", "malformed or incomplete multipart body: " + e.getMessage());
                }
                if (part == null) {
                    throw Problems.BadRequest.field("file", "the multipart body has no part named 'file'");
                }
                if ("file".equals(part.name())) {
                    break;
                }
                try {
                    skipped += part.content().skip(MULTIPART_SLACK);
                } catch (IOException e) {
                    throw Problems.BadRequest.field("file", "malformed or incomplete multipart body: " + e.getMessage());
                }
                if (skipped >= MULTIPART_SLACK) {
                    throw Problems.BadRequest.field("file", "only a part named 'file' (and small fields) may be sent");
                }
            }
            String name = part.filename() != null ? part.filename() : ctx.queryParam("filename");
            result = upload.upload(caller, new UploadFile.Upload(name, part.contentType(), -1, part.content()));
        } else {
            result = upload.upload(caller, new UploadFile.Upload(ctx.queryParam("filename"), contentType, declared, body));
        }
        ctx.status(result.created() ? 201 : 200).json(FileBody.from(result.file()));
        if (result.created()) {
            ctx.header("Location", "/api/files/" + result.file().id());
        }
    }

    private void list(Context ctx) {
        ctx.json(FilePage.from(browse.list(auth.member(ctx), Requests.page(ctx))));
    }

    private void get(Context ctx) {
        ctx.json(FileBody.from(browse.get(auth.member(ctx), Requests.uuid(ctx, "id"))));
    }

    private void delete(Context ctx) {
        delete.delete(auth.member(ctx), Requests.uuid(ctx, "id"));
        ctx.status(204);
    }

    private void content(Context ctx) throws IOException {
        Caller caller = auth.member(ctx);
        UUID id = Requests.uuid(ctx, "id");
        StoredFile file = browse.get(caller, id);
        long size = file.size();
        long start = 0;
        long length = size;
        int status = 200;
        String range = ctx.header("Range");
        if (range != null && size > 0) {
            Matcher m = RANGE.matcher(range.strip());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) { // one range; others are ignored (RFC 9110)
                try {
                    if (m.group(1).isEmpty()) { // suffix: the last N bytes
                        long n = Long.parseLong(m.group(2));
                        start = Math.max(0, size - n);
                        length = size - start;
                    } else {
                        start = Long.parseLong(m.group(1));
                        long end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
                        length = end - start + 1;
                    }
                } catch (NumberFormatException e) {
                    start = size; // absurd numbers: unsatisfiable
                }
                if (start >= size || length <= 0) {
                    ctx.header("Content-Range", "bytes */" + size);
                    throw new DomainRangeNotSatisfiable(size);
                }
                status = 206;
                ctx.header("Content-Range", "bytes " + start + "-" + (start + length - 1) + "/" + size);
            }
        }
        BrowseFiles.FileContent content = browse.open(caller, id, start, length);
        ctx.status(status);
        ctx.header("Content-Type", file.mimeType());
        ctx.header("Content-Length", Long.toString(length));
        ctx.header("Content-Disposition", contentDisposition(file.displayName()));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("ETag", "\"" + file.sha256() + "\"");
        ctx.header("Cache-Control", "private, max-age=0");
        try (InputStream in = content.stream(); OutputStream out = ctx.res().getOutputStream()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        }
    }

    /** {@code attachment} with an ASCII fallback and the exact name as RFC 5987 {@code filename*}. */
    static String contentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != ';' && c != '%' ? c : '_');
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** 416 for a range outside the file (mapped in {@link #register} users' Problems via HttpResponseException). */
    static final class DomainRangeNotSatisfiable extends io.javalin.http.HttpResponseException {
        DomainRangeNotSatisfiable(long size) {
            super(416, "the requested range is outside the file (" + size + " bytes)", Map.of());
        }
    }
}
