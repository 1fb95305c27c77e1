"""The cleaned articles of the regulation files, made from the seed texts:
``seeds`` reads each seed copy and mends its known defects, ``cleaning`` holds
the text normalisation and the parsing of articles and items they share, and
``generated`` writes and checks the generated part of each regulation file."""
