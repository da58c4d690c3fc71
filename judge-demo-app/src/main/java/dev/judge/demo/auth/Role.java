package dev.judge.demo.auth;

/** What an account may do: ADMIN manages problems and sees hidden test data; USER reads and (later) submits. */
public enum Role {
    ADMIN, USER;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
