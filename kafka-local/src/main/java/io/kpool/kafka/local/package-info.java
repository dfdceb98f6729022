/** placeholder */ package io.kpool.kafka.local;
