package io.kpool.producer;
/** x */
public final class ProducerApp { private ProducerApp() {} /** x @param a a */ public static void main(String[] a) {} }
