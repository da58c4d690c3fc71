package dev.judge.core.pipeline;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * What the judge reads from a compiled JVM class file (JVMS chapter 4): its binary name, the source file it was
 * compiled from, and whether the {@code java} launcher can start it. Only the constant pool, the access flags,
 * the methods and the class attributes are read; code is never looked at.
 *
 * @param binaryName the class's binary name, for example {@code a.b.Solution} or {@code Outer$Inner}
 * @param sourceFile the {@code SourceFile} attribute (a plain file name such as {@code Solution.java}), or
 *                   {@code null} when the compiler left it out
 * @param hasMain    whether it declares {@code public static void main(String[])} (varargs included)
 */
record ClassFile(String binaryName, String sourceFile, boolean hasMain) {
    private static final int MAGIC = 0xCAFEBABE;
    private static final int ACC_PUBLIC = 0x0001;
    private static final int ACC_STATIC = 0x0008;
    private static final int ACC_MODULE = 0x8000;
    private static final String MAIN_DESCRIPTOR = "([Ljava/lang/String;)V";

    /** Whether this is a module descriptor ({@code module-info}), which is no class to start. */
    boolean isModule() {
        return binaryName.equals("module-info");
    }

    /**
     * Reads a class file.
     *
     * @throws IllegalArgumentException when the bytes are not a well-formed class file
     */
    static ClassFile read(byte[] bytes) {
        try {
            return parse(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException | IndexOutOfBoundsException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not a well-formed class file: " + e, e);
        }
    }

    private static ClassFile parse(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IllegalArgumentException("not a class file (bad magic number)");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        Object[] pool = constantPool(in);
        int access = in.readUnsignedShort();
        String name = (String) pool[(Integer) pool[in.readUnsignedShort()]];
        in.readUnsignedShort(); // super class
        skipFully(in, 2L * in.readUnsignedShort()); // interfaces
        int fields = in.readUnsignedShort();
        for (int i = 0; i < fields; i++) {
            skipFully(in, 6);
            skipAttributes(in);
        }
        boolean main = false;
        int methods = in.readUnsignedShort();
        for (int i = 0; i < methods; i++) {
            int flags = in.readUnsignedShort();
            String methodName = (String) pool[in.readUnsignedShort()];
            String descriptor = (String) pool[in.readUnsignedShort()];
            skipAttributes(in);
            main |= (flags & (ACC_PUBLIC | ACC_STATIC)) == (ACC_PUBLIC | ACC_STATIC) && methodName.equals("main")
                    && descriptor.equals(MAIN_DESCRIPTOR);
        }
        String sourceFile = null;
        int attributes = in.readUnsignedShort();
        for (int i = 0; i < attributes; i++) {
            String attribute = (String) pool[in.readUnsignedShort()];
            long length = Integer.toUnsignedLong(in.readInt());
            if (attribute.equals("SourceFile") && length == 2) {
                sourceFile = (String) pool[in.readUnsignedShort()];
            } else {
                skipFully(in, length);
            }
        }
        String binaryName = name.replace('/', '.');
        return new ClassFile(binaryName, sourceFile, main && (access & ACC_MODULE) == 0);
    }

    /** The pool: UTF-8 entries as Strings, class entries as the Integer index of their name, the rest null. */
    private static Object[] constantPool(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        Object[] pool = new Object[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> pool[i] = in.readUTF();
                case 7 -> pool[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> skipFully(in, 2);
                case 15 -> skipFully(in, 3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> skipFully(in, 4);
                case 5, 6 -> {
                    skipFully(in, 8);
                    i++; // long and double take two entries
                }
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        return pool;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
            in.readUnsignedShort();
            skipFully(in, Integer.toUnsignedLong(in.readInt()));
        }
    }

    private static void skipFully(DataInputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                throw new EOFException("class file ends early");
            }
            left -= skipped;
        }
    }
}
