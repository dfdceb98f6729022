/** The shared dict's client machinery: its writer, fold thread, replica and locks. Not part of kpool's API. */
package io.kpool.dict.internal;
