/** placeholder */ package io.kpool.test.kafka;
