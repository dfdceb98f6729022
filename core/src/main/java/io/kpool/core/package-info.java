/** placeholder */ package io.kpool.core;
