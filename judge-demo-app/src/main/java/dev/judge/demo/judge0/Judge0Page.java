package dev.judge.demo.judge0;

import java.util.List;
import java.util.Map;

/** A page of Judge0's submissions index: the views and will_paginate's numbers, as Judge0's {@code meta}. */
record Judge0Page(List<Map<String, Object>> submissions, int currentPage, Integer nextPage, Integer prevPage,
        long totalPages, long totalCount) {
}
