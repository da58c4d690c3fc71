package dev.judge.demo.web;

import java.io.IOException;

/** Thrown while reading a request body that goes past its cap; reported as 413. */
public class PayloadTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
