package io.kpool.consumer;
/** x */
public final class ConsumerApp { private ConsumerApp() {} /** x @param a a */ public static void main(String[] a) {} }
