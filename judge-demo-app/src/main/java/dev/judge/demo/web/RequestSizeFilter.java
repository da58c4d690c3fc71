package dev.judge.demo.web;

import dev.judge.demo.DemoProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies: archives (multipart, {@code application/zip}, {@code application/octet-stream}) at
 * {@code judge.demo.caps.max-archive-size}, everything else at {@code max-request-body}. A declared
 * {@code Content-Length} over the cap is answered 413 at once; a body without one (chunked) is counted while
 * it is read and fails with {@link PayloadTooLargeException} when it passes the cap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestSizeFilter extends OncePerRequestFilter {
    /** Room for the multipart framing around an archive of the largest allowed size. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final DemoProperties.Caps caps;
    private final ProblemResponses problems;

    public RequestSizeFilter(DemoProperties properties, ProblemResponses problems) {
        this.caps = properties.caps();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long cap = capFor(request.getContentType());
        long declared = request.getContentLengthLong();
        if (declared > cap) {
            problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE,
                    "the request body of " + declared + " bytes is larger than the cap of " + cap + " bytes");
            return;
        }
        chain.doFilter(new CappedRequest(request, cap), response);
    }

    private long capFor(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("multipart/")) {
            return caps.maxArchiveSize().toBytes() + MULTIPART_OVERHEAD;
        }
        if (type.startsWith("application/zip") || type.startsWith("application/octet-stream")) {
            return caps.maxArchiveSize().toBytes();
        }
        return caps.maxRequestBody().toBytes();
    }


    private static final class CappedRequest extends HttpServletRequestWrapper {
        private final long cap;
        private ServletInputStream stream;

        CappedRequest(HttpServletRequest request, long cap) {
            super(request);
            this.cap = cap;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CappedInputStream(super.getInputStream(), cap);
            }
            return stream;
        }
    }

    private static final class CappedInputStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long cap;
        private long count;

        CappedInputStream(ServletInputStream in, long cap) {
            this.in = in;
            this.cap = cap;
        }

        private void add(long n) throws PayloadTooLargeException {
            count += n;
            if (count > cap) {
                throw new PayloadTooLargeException("the request body is larger than the cap of " + cap + " bytes");
            }
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
