package io.tenantctl; public class TenantCtl { public static void main(String[] a){} }
